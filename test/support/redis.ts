// Real Redis for tests: one unique key prefix per test, cleaned by SCAN over that prefix only (never FLUSHDB).
import { randomBytes } from 'node:crypto';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { type RedisClient, scanEach } from '../../src/store/client.ts';

export { deleteByPrefix } from '../../src/sandbox/delete-by-prefix.ts';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/**
 * Set (comma-separated `redis://host:port`) when the suite runs against a Redis Cluster (`npm run test:cluster`):
 * the harness and the app processes then connect to it instead of TEST_REDIS_URL.
 */
export const TEST_CLUSTER_NODES = process.env.REDIS_CLUSTER_NODES || undefined;

/** The Redis part of an app environment for `loadConfig` or a child process: the cluster when there is one. */
export const TEST_REDIS_ENV: Record<string, string> = TEST_CLUSTER_NODES
  ? { REDIS_CLUSTER_NODES: TEST_CLUSTER_NODES }
  : { REDIS_URL: TEST_REDIS_URL };

/** `test:<name>:<random>` — unique per call, so parallel test files never share keys. */
export function testPrefix(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `test:${safe}:${randomBytes(6).toString('hex')}`;
}

export function createTestRedis(options: RedisOptions = {}): RedisClient {
  const redis: RedisClient = TEST_CLUSTER_NODES
    ? new Cluster(
        TEST_CLUSTER_NODES.split(',').map((node) => {
          const url = new URL(node);
          return { host: url.hostname, port: Number(url.port) };
        }),
        { redisOptions: { maxRetriesPerRequest: 2, ...options } },
      )
    : new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2, ...options });
  // An unhandled 'error' event would kill the test worker; failing commands still reject, so say it once.
  let told = false;
  redis.on('error', (err: Error) => {
    if (!told) process.stderr.write(`test redis ${TEST_CLUSTER_NODES ?? TEST_REDIS_URL}: ${err.message}\n`);
    told = true;
  });
  return redis;
}

/**
 * Every key matching `pattern` with its whole content, as one comparable string per key (erasure tests
 * compare a workspace's data before and after). `persistentOnly` leaves out keys with a TTL (gates, caches).
 */
export async function dumpKeys(
  redis: RedisClient,
  pattern: string,
  { persistentOnly = false } = {},
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  await scanEach(redis, pattern, 1000, async (found) => {
    for (const key of found) {
      if (persistentOnly && (await redis.pttl(key)) !== -1) continue;
      out.set(key, JSON.stringify(await readAny(redis, key)));
    }
  });
  return out;
}

async function readAny(redis: RedisClient, key: string): Promise<unknown> {
  const type = await redis.type(key);
  if (type === 'string') return redis.get(key);
  if (type === 'hash') return redis.hgetall(key);
  if (type === 'list') return redis.lrange(key, 0, -1);
  if (type === 'set') return (await redis.smembers(key)).sort();
  if (type === 'zset') return redis.zrange(key, 0, '-1', 'WITHSCORES');
  if (type === 'stream') return redis.xrange(key, '-', '+');
  return type;
}

/**
 * True when the suite's Redis cannot rename keys across hash slots: a Redis Cluster, or a single Redis started
 * with `cluster-enabled yes` (`.ci/run` runs one Node line on such a node, so that any cross-slot command in any
 * test fails with CROSSSLOT as it would on a cluster). The old-layout migration needs a plain Redis.
 */
export async function crossSlotRefused(): Promise<boolean> {
  if (TEST_CLUSTER_NODES) return true;
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    return /cluster_enabled:1/.test(await redis.info('cluster'));
  } finally {
    redis.disconnect();
  }
}
