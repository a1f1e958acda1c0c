// The one Redis client type the stores take: a single Redis or a Redis Cluster (decision 0025). Both are ioredis
// Commanders with the same command signatures, so a store never needs to know which one it holds; only SCAN,
// which a Cluster sends to one random node, has to be asked of every master (`scanEach`).
import slotOf from 'cluster-key-slot';
import { Cluster, type Redis } from 'ioredis';

export type RedisClient = Redis | Cluster;

/** Redis Cluster's slot count: a cluster serves every key only when each of these has a reachable master. */
const SLOTS = 16384;

/**
 * The masters that own the cluster's slots, or null when some slot has no owner this client can reach (a master
 * went away: ioredis drops it from `nodes()` at once, long before the cluster itself declares the failure).
 */
export function slotOwners(client: RedisClient): Redis[] | null {
  if (!(client instanceof Cluster)) return [client];
  const connected = new Map(
    client.nodes('master').map((node) => [`${node.options.host}:${node.options.port}`, node]),
  );
  const owners = new Map<string, Redis>();
  for (let slot = 0; slot < SLOTS; slot++) {
    const owner = client.slots[slot]?.[0];
    const node = owner === undefined ? undefined : connected.get(owner);
    if (owner === undefined || node === undefined) return null;
    owners.set(owner, node);
  }
  return [...owners.values()];
}

/**
 * Every key matching `match` on every master, a page at a time (SCAN with COUNT `count`). A page holds keys of
 * one master only; on a cluster they may still hash to different slots, so multi-key commands on a page must
 * be split by slot (`bySlot`). Throws while some slot has no reachable master (a failover, or no slot map yet):
 * a scan that silently skipped a master would let erasure or cleanup report work it did not do.
 */
export async function scanEach(
  client: RedisClient,
  match: string,
  count: number,
  visit: (page: string[]) => Promise<void>,
): Promise<void> {
  const nodes = slotOwners(client);
  if (nodes === null)
    throw new Error("Cluster isn't ready: some hash slot has no reachable master; try again");
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, page] = await node.scan(cursor, 'MATCH', match, 'COUNT', count);
      cursor = next;
      if (page.length > 0) await visit(page);
    } while (cursor !== '0');
  }
}

/**
 * `keys` grouped by hash slot: a multi-key command (UNLINK, MGET) must name keys of one slot on a cluster, and
 * a single Redis in cluster mode refuses the same with CROSSSLOT. Groups keep the keys' order.
 */
export function bySlot(keys: readonly string[]): string[][] {
  const groups = new Map<number, string[]>();
  for (const key of keys) {
    const slot = slotOf(key);
    const group = groups.get(slot);
    if (group) group.push(key);
    else groups.set(slot, [key]);
  }
  return [...groups.values()];
}
