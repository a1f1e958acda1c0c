// Does Redis answer? Asked by /readyz, with a short leash so a hung Redis cannot hang the probe.
import type { Redis } from 'ioredis';

const PING_TIMEOUT_MS = 1000;

export async function redisAnswers(redis: Redis): Promise<boolean> {
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('ping timeout')), PING_TIMEOUT_MS).unref(),
      ),
    ]);
    return pong === 'PONG';
  } catch {
    // Any failure to ping means "not ready"; the reason is in the connection's own error log.
    return false;
  }
}
