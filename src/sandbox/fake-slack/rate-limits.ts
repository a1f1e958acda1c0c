// Slack's rate limits, modelled for load tests: a sliding one-minute window per method for the workspace,
// and for chat.postMessage about one message per second per channel. Over a limit: HTTP 429 + Retry-After.
import type { Failure, RateLimits } from './types.ts';

export type { RateLimits };

export class RateLimiter {
  private readonly calls = new Map<string, number[]>();
  /** Calls answered 429, by method. */
  readonly limited = new Map<string, number>();

  constructor(private readonly limits: RateLimits) {}

  private hit(key: string, windowMs: number, max: number, now: number): number | null {
    const times = (this.calls.get(key) ?? []).filter((t) => t > now - windowMs);
    if (times.length >= max) {
      this.calls.set(key, times);
      const oldest = times[0] ?? now;
      return Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
    }
    times.push(now);
    this.calls.set(key, times);
    return null;
  }

  /** A 429 to answer with, or null when the call is within the limits (and then counts towards them). */
  check(method: string, args: Record<string, unknown>, now: number): Failure | null {
    const perChannel = this.limits.postsPerChannelPerSecond;
    if (method === 'chat.postMessage' && perChannel !== undefined) {
      const wait = this.hit(`${method}:${String(args.channel)}`, 1000, perChannel, now);
      if (wait !== null) return this.refuse(method, wait);
    }
    const perMinute = this.limits.perMinute?.[method];
    if (perMinute !== undefined) {
      const wait = this.hit(method, 60_000, perMinute, now);
      if (wait !== null) return this.refuse(method, wait);
    }
    return null;
  }

  private refuse(method: string, retryAfter: number): Failure {
    this.limited.set(method, (this.limited.get(method) ?? 0) + 1);
    return { status: 429, retryAfter };
  }
}
