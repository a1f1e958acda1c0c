// Does Redis answer? Asked by /readyz, with a short leash so a hung Redis cannot hang the probe. On a Redis
// Cluster every master must answer: a workspace whose slot lives on a dead master cannot be served.
import { type RedisClient, slotOwners } from './client.ts';

const PING_TIMEOUT_MS = 1000;

export async function redisAnswers(redis: RedisClient): Promise<boolean> {
  try {
    if (redis.status !== 'ready') return false;
    const nodes = slotOwners(redis);
    if (nodes === null || nodes.length === 0) return false;
    const pongs = await Promise.race([
      Promise.all(nodes.map((node) => node.ping())),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('ping timeout')), PING_TIMEOUT_MS).unref(),
      ),
    ]);
    return pongs.every((pong) => pong === 'PONG');
  } catch {
    // Any failure to ping means "not ready"; the reason is in the connection's own error log.
    return false;
  }
}
