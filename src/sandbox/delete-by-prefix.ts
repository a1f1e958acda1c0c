// Deleting one key prefix's keys (SCAN + UNLINK), never the database: the sandbox's reset and the tests' cleanup.
import type { Redis } from 'ioredis';
import { globEscape } from '../store/keys.ts';

/** Deletes every key starting with `prefix`; returns how many were removed. */
export async function deleteByPrefix(redis: Redis, prefix: string): Promise<number> {
  if (prefix.length === 0) throw new Error('deleteByPrefix needs a non-empty prefix');
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${globEscape(prefix)}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}
