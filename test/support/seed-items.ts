// Writes items, votes and pain reports straight into Redis as the stores lay them out: thousands in a second, for tests and benchmarks.
import { type Item, ItemSchema } from '../../src/domain/item.ts';
import type { PainReport, Vote } from '../../src/domain/scoring.ts';
import type { RedisClient } from '../../src/store/client.ts';
import type { Keys } from '../../src/store/keys.ts';
import { voteField } from '../../src/store/votes.ts';

export interface SeedItem {
  /** The rest defaults to a public, open item of category `other`, filed now. */
  item: Partial<Item> & Pick<Item, 'id' | 'teamId' | 'channelId' | 'title' | 'reporterId'>;
  votes?: readonly Vote[];
  pain?: readonly PainReport[];
}

/** A whole item from a partial one, validated as the store would read it back. */
export function seedRecord(seed: SeedItem['item'], now = new Date().toISOString()): Item {
  return ItemSchema.parse({
    v: 1,
    channelVisibility: 'public',
    category: 'other',
    status: 'open',
    createdAt: now,
    updatedAt: now,
    ...seed,
  });
}

/**
 * Pipelines the writes in batches (item record, `items` and per-channel index, votes hash, pain list) and moves
 * each workspace's id sequence past the highest id seeded. Returns how many items were written.
 */
export async function seedItems(
  redis: RedisClient,
  keys: Keys,
  seeds: Iterable<SeedItem>,
  batch = 1000,
): Promise<number> {
  const now = new Date().toISOString();
  const highest = new Map<string, number>();
  let pipeline = redis.pipeline();
  let pending = 0;
  let written = 0;
  const flush = async () => {
    if (pending === 0) return;
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
    pipeline = redis.pipeline();
    pending = 0;
  };
  for (const seed of seeds) {
    const item = seedRecord(seed.item, now);
    const { teamId, id } = item;
    pipeline
      .set(keys.item(teamId, id), JSON.stringify(item))
      .zadd(keys.items(teamId), id, String(id))
      .zadd(keys.channelItems(teamId, item.channelId), id, String(id));
    for (const v of seed.votes ?? [])
      pipeline.hset(keys.votes(teamId, id), voteField(v.dimension, v.userId), String(v.level));
    for (const p of seed.pain ?? []) pipeline.rpush(keys.pain(teamId, id), JSON.stringify({ v: 1, ...p }));
    highest.set(teamId, Math.max(highest.get(teamId) ?? 0, id));
    written++;
    if (++pending >= batch) await flush();
  }
  for (const [teamId, id] of highest) pipeline.set(keys.seq(teamId), String(id));
  pending++;
  await flush();
  return written;
}
