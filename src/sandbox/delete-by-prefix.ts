// Deleting one key prefix's keys (SCAN + UNLINK), never the database: the sandbox's reset and the tests' cleanup.
import { bySlot, type RedisClient, scanEach } from '../store/client.ts';
import { globEscape } from '../store/keys.ts';

/** Deletes every key starting with `prefix` (on every master of a cluster); returns how many were removed. */
export async function deleteByPrefix(redis: RedisClient, prefix: string): Promise<number> {
  if (prefix.length === 0) throw new Error('deleteByPrefix needs a non-empty prefix');
  let deleted = 0;
  await scanEach(redis, `${globEscape(prefix)}*`, 500, async (keys) => {
    // A prefix spans workspaces and queues, so a page spans hash slots: one UNLINK per slot.
    const counts = await Promise.all(bySlot(keys).map((group) => redis.unlink(...group)));
    for (const count of counts) deleted += count;
  });
  return deleted;
}
