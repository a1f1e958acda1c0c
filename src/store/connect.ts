// The app's Redis connections, to one Redis (REDIS_URL) or a Redis Cluster (REDIS_CLUSTER_NODES), with the same
// behaviour on both: request connections fail fast so a user gets an answer in time (SPEC §3), workers' blocking
// connections retry forever as BullMQ requires. Decision 0025 has the option mapping.
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.ts';
import type { RedisClient } from './client.ts';

/** requests: serves Slack; queue: adds jobs from any process; worker: BullMQ's blocking worker connections. */
export type ConnectionRole = 'requests' | 'queue' | 'worker';

const backOff = (times: number) => Math.min(times * 200, 2000);

/** Per-connection options of each role: no offline queue and short timeouts unless BullMQ's workers need them. */
function roleOptions(role: ConnectionRole): RedisOptions {
  if (role === 'worker') return { maxRetriesPerRequest: null };
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // Job scripts (a digest reconcile, a bulk add) may run longer than a request's command.
    ...(role === 'requests' ? { commandTimeout: 2000 } : {}),
    retryStrategy: backOff,
  };
}

/**
 * Commands issued in the same tick by concurrent requests go out in one write (one syscall, one round trip): under
 * load the writes, not the commands, were the request connection's cost (issue 12's profile).
 */
const autoPipelining = (role: ConnectionRole) => role === 'requests';

export function connectRedis(
  target: Config['redis'],
  role: ConnectionRole,
  connectionName: string,
): RedisClient {
  const options = roleOptions(role);
  if (target.clusterNodes === null) {
    return new Redis(target.url ?? '', {
      ...options,
      connectionName,
      enableAutoPipelining: autoPipelining(role),
    });
  }
  return new Cluster(
    target.clusterNodes.map(seedNode),
    clusterOptions(target.clusterNodes, options, role, connectionName),
  );
}

function seedNode(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  // WHATWG URLs keep an IPv6 host's brackets (`[::1]`); a socket wants the bare address.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  return { host, port: parsed.port === '' ? 6379 : Number(parsed.port) };
}

/**
 * ioredis takes the offline queue and the back-off at the top of a Cluster's options and the rest per node
 * (`redisOptions`); credentials and TLS come from the seed URLs, which config checked all agree.
 */
function clusterOptions(
  nodes: string[],
  options: RedisOptions,
  role: ConnectionRole,
  connectionName: string,
): ClusterOptions {
  const { enableOfflineQueue, retryStrategy: _perNode, ...perNode } = options;
  const first = new URL(nodes[0] ?? '');
  const tls = first.protocol === 'rediss:';
  return {
    ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }),
    clusterRetryStrategy: backOff,
    enableAutoPipelining: autoPipelining(role),
    // Filing, compare-and-set updates and idempotency markers read their own writes: never from a replica.
    scaleReads: 'master',
    // Managed clusters with TLS announce node addresses their certificates do not name; keep the names given.
    ...(tls
      ? { dnsLookup: (address: string, done: (error: null, address: string) => void) => done(null, address) }
      : {}),
    redisOptions: {
      ...perNode,
      connectionName,
      ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
      ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
      ...(tls ? { tls: {} } : {}),
    },
  };
}
