// Votes per item: one hash field per (dimension, user), changed by one atomic script per click.
import { formatItemId, historyJson } from '../domain/item.ts';
import { DIMENSIONS, type Dimension, isLevel, type Level } from '../domain/scales.ts';
import type { Vote } from '../domain/scoring.ts';
import type { VoteOutcome } from '../domain/voting.ts';
import type { Clock } from '../lib/clock.ts';
import type { RedisClient } from './client.ts';
import type { Keys } from './keys.ts';

/** A second click on the same option this soon after the first is a double click, not a retraction. */
const DOUBLE_CLICK_MS = 1500;
const DELIVERY_TTL_SECONDS = 3600;

/**
 * One click, decided atomically next to the data: the item must exist, be open and have voting open;
 * a delivery seen before is ignored. `toggle` (a click): your current choice again retracts it unless it was
 * just set. `set` / `clear` (the *My votes* form): the vote becomes exactly that, whatever it was, so a click
 * landing between reading the form and saving it can never turn a "take back" into a vote or the reverse.
 * KEYS: item, votes, history, delivery marker, double-click guard, activity.
 * ARGV: field, level, history JSON, item number, now (the item's last activity, for the digest's stale list), mode.
 */
const CAST_VOTE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'not_found' end
local item = cjson.decode(raw)
if item.status ~= 'open' and item.status ~= 'in_progress' then return 'frozen' end
if item.votingClosed then return 'closed' end
if redis.call('SET', KEYS[4], '1', 'NX', 'EX', ${DELIVERY_TTL_SECONDS}) == false then return 'duplicate' end
local current = redis.call('HGET', KEYS[2], ARGV[1])
if ARGV[6] == 'clear' then
  if not current then return 'duplicate' end
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('RPUSH', KEYS[3], ARGV[3])
  return 'retracted'
end
if current == ARGV[2] then
  if ARGV[6] == 'set' then return 'duplicate' end
  if redis.call('EXISTS', KEYS[5]) == 1 then return 'duplicate' end
  redis.call('HDEL', KEYS[2], ARGV[1])
  redis.call('RPUSH', KEYS[3], ARGV[3])
  return 'retracted'
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('SET', KEYS[5], '1', 'PX', ${DOUBLE_CLICK_MS})
redis.call('RPUSH', KEYS[3], ARGV[3])
redis.call('HSET', KEYS[6], ARGV[4], ARGV[5])
if current then return 'changed' end
return 'set'`;

export interface CastVote {
  teamId: string;
  itemId: number;
  userId: string;
  dimension: Dimension;
  level: Level;
  /** Unique per click (Slack's action_ts); the same delivery twice counts once. */
  deliveryId: string;
  /** `toggle` (default): a click, where the current choice again takes it back; `set`/`clear`: exactly that. */
  mode?: 'toggle' | 'set' | 'clear';
}

export interface VoteStore {
  /** Sets (or, with null, retracts) one user's votes; dimensions not named are left as they are. */
  set(
    teamId: string,
    itemId: number,
    userId: string,
    levels: Partial<Record<Dimension, Level | null>>,
  ): Promise<void>;
  cast(vote: CastVote): Promise<VoteOutcome>;
  forItems(teamId: string, itemIds: readonly number[]): Promise<Map<number, Vote[]>>;
}

/** A vote's field in the item's votes hash: one per person and dimension. */
export function voteField(dimension: Dimension, userId: string): string {
  return `${dimension}:${userId}`;
}

function parseField(field: string, value: string): Vote | null {
  const [dimension, userId] = field.split(':');
  const level = Number(value);
  if (!userId || !DIMENSIONS.includes(dimension as Dimension) || !isLevel(level)) return null;
  return { userId, dimension: dimension as Dimension, level };
}

export function createVoteStore(redis: RedisClient, keys: Keys, clock: Clock): VoteStore {
  return {
    async set(teamId, itemId, userId, levels) {
      const key = keys.votes(teamId, itemId);
      const tx = redis.multi();
      for (const dimension of DIMENSIONS) {
        const level = levels[dimension];
        if (level === undefined) continue;
        if (level === null) tx.hdel(key, voteField(dimension, userId));
        else tx.hset(key, voteField(dimension, userId), String(level));
      }
      await tx.exec();
    },
    async cast(vote) {
      const { teamId, itemId, userId, dimension } = vote;
      const field = voteField(dimension, userId);
      // History records that a vote happened, never its value (SPEC §1.1).
      const now = clock.now().toISOString();
      const event = historyJson({ kind: 'voted', actorId: userId, detail: dimension }, now);
      const outcome = await redis.eval(
        CAST_VOTE,
        6,
        keys.item(teamId, itemId),
        keys.votes(teamId, itemId),
        keys.history(teamId, itemId),
        keys.once(teamId, 'vote', `${userId}:${vote.deliveryId}`),
        keys.once(teamId, 'vote-click', `${itemId}:${field}`),
        keys.activity(teamId),
        field,
        String(vote.level),
        event,
        String(itemId),
        now,
        vote.mode ?? 'toggle',
      );
      if (typeof outcome !== 'string')
        throw new Error(`vote script for ${formatItemId(itemId)} returned ${String(outcome)}`);
      return outcome as VoteOutcome;
    },
    async forItems(teamId, itemIds) {
      const result = new Map<number, Vote[]>();
      if (itemIds.length === 0) return result;
      const pipeline = redis.pipeline();
      for (const id of itemIds) pipeline.hgetall(keys.votes(teamId, id));
      const replies = (await pipeline.exec()) ?? [];
      itemIds.forEach((id, i) => {
        const [error, hash] = replies[i] ?? [null, {}];
        if (error) throw error;
        const votes = Object.entries((hash ?? {}) as Record<string, string>)
          .map(([field, value]) => parseField(field, value))
          .filter((v): v is Vote => v !== null);
        result.set(id, votes);
      });
      return result;
    },
  };
}
