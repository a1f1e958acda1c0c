// A Redis lock with an owner token: taken with SET NX PX, released or extended only by its owner (it may
// have expired and been taken by another process in the meantime).
import { randomUUID } from 'node:crypto';
import type { RedisClient } from './client.ts';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/** One lock key, as its holders see it. */
export interface OwnedLock {
  /** The owner token when the lock was taken; null when someone else holds it. */
  acquire(ttlMs: number): Promise<string | null>;
  release(token: string): Promise<void>;
  /** False when the lock was lost (expired, and maybe taken by another). */
  extend(token: string, ttlMs: number): Promise<boolean>;
  /** Milliseconds until the current holder's lock expires (negative when nobody holds it). */
  ttlMs(): Promise<number>;
}

export function ownedLock(redis: RedisClient, key: string): OwnedLock {
  return {
    async acquire(ttlMs) {
      const token = randomUUID();
      return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === null ? null : token;
    },
    async release(token) {
      await redis.eval(RELEASE, 1, key, token);
    },
    async extend(token, ttlMs) {
      return (await redis.eval(EXTEND, 1, key, token, String(ttlMs))) === 1;
    },
    ttlMs: () => redis.pttl(key),
  };
}
