// Waiting for a connection before the first command: processes start once Redis answers (or say it does not), and
// the operator scripts fail fast with "not answering" rather than on whichever command would have been first.
import type { RedisClient } from './client.ts';

/** Resolves true once `redis` is connected, false after `ms`. */
export function whenReady(redis: RedisClient, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
