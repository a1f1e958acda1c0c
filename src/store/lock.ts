// A Redis lock with an owner token: taken with SET NX PX, released or extended only by its owner (it may
// have expired and been taken by another process in the meantime).
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/** The owner token when the lock was taken; null when someone else holds it. */
export async function acquireLock(redis: Redis, key: string, ttlMs: number): Promise<string | null> {
  const token = randomUUID();
  return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === null ? null : token;
}

export async function releaseLock(redis: Redis, key: string, token: string): Promise<void> {
  await redis.eval(RELEASE, 1, key, token);
}

/** False when the lock was lost (expired, and maybe taken by another). */
export async function extendLock(redis: Redis, key: string, token: string, ttlMs: number): Promise<boolean> {
  return (await redis.eval(EXTEND, 1, key, token, String(ttlMs))) === 1;
}
