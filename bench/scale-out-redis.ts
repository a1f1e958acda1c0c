// The Redis targets `npm run bench -- scale-out` measures on: one Redis, and a three-master Redis Cluster started
// for the run (test/support/redis-cluster.ts). Each gives the app processes its environment (REDIS_URL or
// REDIS_CLUSTER_NODES), the in-process deps the same, and a client of its own to count from.
import { Cluster, Redis } from 'ioredis';
import { loadConfig } from '../src/config.ts';
import { createDeps, type Runtime } from '../src/deps.ts';
import { createLogger } from '../src/lib/logger.ts';
import type { RedisClient } from '../src/store/client.ts';
import type { RedisEnv } from '../test/support/cluster.ts';
import { SIGNING_SECRET } from '../test/support/driver.ts';
import { deleteByPrefix, TEST_REDIS_URL, testPrefix } from '../test/support/redis.ts';
import { startRedisCluster } from '../test/support/redis-cluster.ts';

export type RedisTargetName = 'single' | 'cluster';

export interface RedisTarget {
  name: RedisTargetName;
  /** What the app reads: REDIS_URL or REDIS_CLUSTER_NODES. */
  env: RedisEnv;
  /** Where it is, for the results. */
  where: string;
  /** Reads what the app wrote, without going through the app's own configuration. */
  client: RedisClient;
  stop(): Promise<void>;
}

/** The app's own deps (stores, queues) on a target, for seeding and enqueueing as the tests do. */
export async function targetDeps(target: RedisTarget, slackApiUrl: string, prefix: string): Promise<Runtime> {
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackApiUrl,
    REDIS_PREFIX: prefix,
    ...target.env,
  });
  const deps = createDeps(config, { logger: createLogger('error') });
  if (!(await deps.ready(10_000))) {
    await deps.close();
    throw new Error(`Redis (${target.where}) did not get ready`);
  }
  return deps;
}

function quietly<T extends RedisClient>(client: T, where: string): T {
  // An unhandled 'error' event would end the bench; failing commands still reject, so say it once.
  let told = false;
  client.on('error', (error: Error) => {
    if (!told) process.stderr.write(`scale-out: redis ${where}: ${error.message}\n`);
    told = true;
  });
  return client;
}

export function singleTarget(): RedisTarget {
  const client = quietly(new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 2 }), TEST_REDIS_URL);
  return {
    name: 'single',
    env: { REDIS_URL: TEST_REDIS_URL },
    where: TEST_REDIS_URL,
    client,
    stop: async () => {
      await client.quit();
    },
  };
}

/**
 * Whether the app's own deps, configured with REDIS_CLUSTER_NODES, write to the cluster: an app that does not
 * know the variable yet would fall back to its default Redis and the figures would be one Redis's under the
 * cluster's name.
 */
async function appWritesTo(target: RedisTarget): Promise<string | null> {
  const prefix = testPrefix('bench-scale-probe');
  const key = `${prefix}:probe`;
  let deps: Runtime | undefined;
  try {
    deps = await targetDeps(target, 'http://127.0.0.1:9/api/', prefix);
    await deps.redis.set(key, 'written by the app');
    return (await target.client.get(key)) === 'written by the app'
      ? null
      : 'the app configured with REDIS_CLUSTER_NODES did not write to the cluster';
  } catch (error) {
    return `the app cannot use REDIS_CLUSTER_NODES (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    // Wherever the probe landed.
    await Promise.allSettled([deps?.redis.del(key), deleteByPrefix(target.client, prefix)]);
    await deps?.close();
  }
}

/** A fresh three-master cluster, or why there is none (then the cluster's figures are "not run: …"). */
export async function clusterTarget(): Promise<RedisTarget | { notRun: string }> {
  let cluster: Awaited<ReturnType<typeof startRedisCluster>>;
  try {
    cluster = await startRedisCluster();
  } catch (error) {
    return { notRun: `no Redis Cluster (${error instanceof Error ? error.message : String(error)})` };
  }
  const seeds = cluster.nodes.map((node) => {
    const url = new URL(node);
    return { host: url.hostname, port: Number(url.port) };
  });
  const client = quietly(new Cluster(seeds, { redisOptions: { maxRetriesPerRequest: 2 } }), 'cluster');
  const target: RedisTarget = {
    name: 'cluster',
    env: { REDIS_CLUSTER_NODES: cluster.nodes.join(',') },
    where: `Redis Cluster of ${cluster.nodes.length} masters (${cluster.nodes.join(', ')})`,
    client,
    stop: async () => {
      await client.quit();
      await cluster.stop();
    },
  };
  const problem = await appWritesTo(target);
  if (problem === null) return target;
  await target.stop();
  return { notRun: `cluster support not present: ${problem}` };
}
