// Items and their history in Redis: atomic id allocation, idempotent filing, optimistic updates.
import { conflict, notFound } from '../domain/errors.ts';
import {
  formatItemId,
  type HistoryEvent,
  HistoryEventSchema,
  type HistoryInput,
  historyJson,
  ITEM_SCHEMA_VERSION,
  type Item,
  type ItemDraft,
  ItemSchema,
} from '../domain/item.ts';
import { DIMENSIONS, type Dimension, type Level } from '../domain/scales.ts';
import type { Clock } from '../lib/clock.ts';
import { type RedisClient, scanEach } from './client.ts';
import { parseRecord } from './json.ts';
import type { Keys } from './keys.ts';
import { voteField } from './votes.ts';

export interface NewItem {
  teamId: string;
  channelId: string;
  reporterId: string;
  draft: ItemDraft;
  /** Identifies one filing attempt (a modal's view id): the same key never files twice. */
  submissionKey: string;
  /** The reporter's own estimates from the modal: their first votes (SPEC §1.4), saved with the item. */
  estimates?: Partial<Record<Dimension, Level | null>>;
}

export type EventInput = HistoryInput | null | ((before: Item, after: Item) => HistoryInput | null);

const SUBMISSION_PENDING = 'pending';
/** A crashed filing frees its submission key after this long, so the user can submit again. */
const PENDING_TTL_SECONDS = 60;
const SUBMISSION_TTL_SECONDS = 7 * 86_400;
const UPDATE_ATTEMPTS = 30;
/** Random pause between attempts so contending writers spread out instead of colliding again. */
const backoff = (attempt: number) =>
  new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 * attempt)));
const MGET_CHUNK = 500;

/**
 * Optimistic update without WATCH (the connection is shared by concurrent requests, and WATCH is per
 * connection): write only if the record is still exactly what we read, and append history in the same step.
 */
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
if ARGV[3] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[3]) end
return 1`;

export interface ItemStore {
  file(input: NewItem): Promise<{ item: Item; created: boolean }>;
  get(teamId: string, id: number): Promise<Item | null>;
  require(teamId: string, id: number): Promise<Item>;
  listTeam(teamId: string): Promise<Item[]>;
  /** Every workspace that has items (a SCAN: for rare maintenance jobs, not for requests). */
  teamsWithItems(): Promise<string[]>;
  listChannel(teamId: string, channelId: string): Promise<Item[]>;
  /**
   * Up to `count` items numbered above `afterId`, in number order: the workspace's (`channelId` null) or one
   * channel's. Pass the last id of a page to get the next; an empty page is the end. For exports, which must
   * never hold every item at once.
   */
  page(teamId: string, channelId: string | null, afterId: number, count: number): Promise<Item[]>;
  /**
   * Applies `change` to the latest stored item (retrying on concurrent writes) and appends the event, which
   * may be computed from the item before and after the change. `change` may throw to refuse.
   */
  update(teamId: string, id: number, change: (item: Item) => Item, event: EventInput): Promise<Item>;
  history(teamId: string, id: number): Promise<HistoryEvent[]>;
  /** The item's card is posted, or its reporter was told why not: the sweeper can forget it. */
  markPublished(teamId: string, id: number): Promise<void>;
  /** Items whose card or failure notice is not out, filed (or last tried) before `before`, oldest first. */
  unpublished(before: Date, limit: number): Promise<UnpublishedItem[]>;
  /** Moves a still-unpublished item to the back of the line: it was just tried and must wait its turn. */
  retryLater(teamId: string, id: number): Promise<void>;
}

export interface UnpublishedItem {
  teamId: string;
  id: number;
  /** When it was filed, or last tried by the sweep. */
  since: Date;
}

/** The `unpublished` set's member for one item. */
const unpublishedMember = (teamId: string, id: number) => `${teamId}:${id}`;

export function createItemStore(redis: RedisClient, keys: Keys, clock: Clock): ItemStore {
  const read = (key: string, raw: string) => parseRecord(ItemSchema, key, raw);

  async function getMany(teamId: string, ids: number[]): Promise<Item[]> {
    const items: Item[] = [];
    for (let i = 0; i < ids.length; i += MGET_CHUNK) {
      const chunkKeys = ids.slice(i, i + MGET_CHUNK).map((id) => keys.item(teamId, id));
      const raws = await redis.mget(...chunkKeys);
      raws.forEach((raw, j) => {
        const key = chunkKeys[j];
        if (raw !== null && key !== undefined) items.push(read(key, raw));
      });
    }
    return items;
  }

  async function idsOf(setKey: string): Promise<number[]> {
    return (await redis.zrange(setKey, 0, '-1')).map(Number);
  }

  async function get(teamId: string, id: number): Promise<Item | null> {
    const key = keys.item(teamId, id);
    const raw = await redis.get(key);
    return raw === null ? null : read(key, raw);
  }

  async function file(input: NewItem): Promise<{ item: Item; created: boolean }> {
    const { teamId } = input;
    const onceKey = keys.once(teamId, 'file', input.submissionKey);
    const claimed = await redis.set(onceKey, SUBMISSION_PENDING, 'EX', PENDING_TTL_SECONDS, 'NX');
    if (claimed === null) {
      const existing = await redis.get(onceKey);
      const earlier =
        existing && existing !== SUBMISSION_PENDING ? await get(teamId, Number(existing)) : null;
      if (earlier) return { item: earlier, created: false };
      throw conflict('This form is already being saved; give it a moment.');
    }
    const id = await redis.incr(keys.seq(teamId));
    const now = clock.now().toISOString();
    const item: Item = ItemSchema.parse({
      v: ITEM_SCHEMA_VERSION,
      id,
      teamId,
      channelId: input.channelId,
      channelVisibility: 'unknown',
      ...input.draft,
      reporterId: input.reporterId,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    });
    // Queued for the sweep before the item exists, outside the workspace's transaction: the set is install-wide
    // (another hash slot on a Redis Cluster), and an entry whose item never lands is dropped by the sweep.
    // Cleared once the card is out (or the reporter told why not); a process that dies before that leaves it
    // here for the worker's sweep.
    await redis.zadd(keys.unpublished, Date.parse(now), unpublishedMember(teamId, id));
    const tx = redis
      .multi()
      .set(keys.item(teamId, id), JSON.stringify(item))
      .rpush(keys.history(teamId, id), historyJson({ kind: 'filed', actorId: input.reporterId }, now));
    // Item, estimates and index entries land together: a retried submission finds all of them or none.
    const estimates = DIMENSIONS.flatMap((d) => {
      const level = input.estimates?.[d];
      return level ? [[d, level] as const] : [];
    });
    for (const [dimension, level] of estimates) {
      tx.hset(keys.votes(teamId, id), voteField(dimension, input.reporterId), String(level));
      tx.rpush(
        keys.history(teamId, id),
        historyJson({ kind: 'voted', actorId: input.reporterId, detail: dimension }, now),
      );
    }
    if (estimates.length > 0) tx.hset(keys.activity(teamId), String(id), now);
    await tx
      .zadd(keys.items(teamId), id, String(id))
      .zadd(keys.channelItems(teamId, input.channelId), id, String(id))
      .set(onceKey, String(id), 'EX', SUBMISSION_TTL_SECONDS)
      .exec();
    return { item, created: true };
  }

  async function update(
    teamId: string,
    id: number,
    change: (item: Item) => Item,
    event: EventInput,
  ): Promise<Item> {
    const key = keys.item(teamId, id);
    for (let attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
      const raw = await redis.get(key);
      if (raw === null) throw notFound(formatItemId(id));
      const now = clock.now().toISOString();
      const before = read(key, raw);
      const next = ItemSchema.parse({ ...change(before), updatedAt: now });
      const history = typeof event === 'function' ? event(before, next) : event;
      const eventJson = history ? historyJson(history, now) : '';
      const swapped = await redis.eval(
        COMPARE_AND_SET,
        2,
        key,
        keys.history(teamId, id),
        raw,
        JSON.stringify(next),
        eventJson,
      );
      if (swapped === 1) return next;
      await backoff(attempt + 1);
    }
    throw conflict(`${formatItemId(id)} is being changed by someone else right now; try again.`);
  }

  return {
    file,
    get,
    async require(teamId, id) {
      const item = await get(teamId, id);
      if (!item) throw notFound(formatItemId(id));
      return item;
    },
    listTeam: async (teamId) => getMany(teamId, await idsOf(keys.items(teamId))),
    async teamsWithItems() {
      const teams = new Set<string>();
      // Every master: a cluster's SCAN would see one node's workspaces only.
      await scanEach(redis, keys.allTeamItems, 200, async (found) => {
        for (const key of found) {
          const teamId = keys.teamOfItems(key);
          if (teamId) teams.add(teamId);
        }
      });
      return [...teams];
    },
    listChannel: async (teamId, channelId) =>
      getMany(teamId, await idsOf(keys.channelItems(teamId, channelId))),
    async page(teamId, channelId, afterId, count) {
      const key = channelId === null ? keys.items(teamId) : keys.channelItems(teamId, channelId);
      // The score is the item number, so `(afterId` +inf is "after this one", whatever was filed meanwhile.
      const ids = await redis.zrange(key, `(${afterId}`, '+inf', 'BYSCORE', 'LIMIT', 0, count);
      return getMany(teamId, ids.map(Number));
    },
    update,
    async history(teamId, id) {
      const key = keys.history(teamId, id);
      return (await redis.lrange(key, 0, -1)).map((raw) => parseRecord(HistoryEventSchema, key, raw));
    },
    async markPublished(teamId, id) {
      await redis.zrem(keys.unpublished, unpublishedMember(teamId, id));
    },
    async unpublished(before, limit) {
      const raw = await redis.zrangebyscore(
        keys.unpublished,
        '-inf',
        `(${before.getTime()}`,
        'WITHSCORES',
        'LIMIT',
        0,
        limit,
      );
      const out: UnpublishedItem[] = [];
      for (let i = 0; i + 1 < raw.length; i += 2) {
        const [teamId, id] = String(raw[i]).split(':');
        if (teamId && Number.isInteger(Number(id)))
          out.push({ teamId, id: Number(id), since: new Date(Number(raw[i + 1])) });
      }
      return out;
    },
    async retryLater(teamId, id) {
      // XX: an item published meanwhile (by a web process or a Try again) is not put back.
      await redis.zadd(keys.unpublished, 'XX', clock.now().getTime(), unpublishedMember(teamId, id));
    },
  };
}
