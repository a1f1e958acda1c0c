// The Redis side of `npm run migrate-keys` (decision 0025): renaming layout 1 workspace keys, reading what BullMQ
// keeps of the old queues only in Redis (due times, locks), deleting the old queues, the layout marker. Single
// Redis only: on a cluster a key cannot be renamed into another hash slot.
import { type RedisClient, scanEach } from './client.ts';
import { createKeys, globEscape } from './keys.ts';
import { LAYOUT_VERSION, oldLayout, taggedName } from './layout.ts';

export interface RenameReport {
  /** Renamed (in a dry run: would be). */
  renamed: number;
  /** Workspace keys already in layout 2 before this run. */
  alreadyTagged: number;
  /** Both names exist: left as they are, for the operator to decide. */
  conflicts: { from: string; to: string }[];
  /** Under `<p>:t:` but not `<p>:t:<team>:…`: no layout ever wrote them, so they are left alone. */
  unknown: string[];
  /** Expired between SCAN and RENAME (caches and markers with a TTL). */
  vanished: number;
}

export interface LayoutMigrationStore {
  /** The marker's value, or null when there is none. */
  readMarker(): Promise<string | null>;
  /**
   * RENAMENX of every layout 1 workspace key to its tagged name. RENAME keeps the value and the TTL and costs
   * O(1); NX never overwrites a key a layout 2 process already wrote. A dry run asks EXISTS of each new name.
   */
  renameTeamKeys(options: { dryRun: boolean }): Promise<RenameReport>;
  /**
   * When each of the old queue's delayed jobs `ids` is due (ms). BullMQ keeps it only as the job's score in the
   * delayed set: a postponed job's `delay` counts from when it was postponed, not from its timestamp.
   */
  dueTimes(queue: string, ids: readonly string[]): Promise<Map<string, number>>;
  /** The ids among `ids` whose lock in the old queue is still held: a worker may be running them right now. */
  heldLocks(queue: string, ids: readonly string[]): Promise<string[]>;
  /** Deletes (in a dry run: counts) every key of layout 1's queues; their jobs must have been copied first. */
  deleteOldQueueKeys(options: { dryRun: boolean }): Promise<number>;
  writeMarker(): Promise<void>;
}

/** BullMQ's delayed set scores a job by its due time in ms times 4096, plus a counter keeping the order. */
const DELAYED_SCORE_SHIFT = 0x1000;

/** One reply per command of a pipeline, in order; a failed command throws. */
async function replies(pipeline: ReturnType<RedisClient['pipeline']>, expected: number): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  if (results.length !== expected) throw new Error(`expected ${expected} replies, got ${results.length}`);
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}

export function createLayoutMigration(redis: RedisClient, prefix: string): LayoutMigrationStore {
  const old = oldLayout(prefix);
  const marker = createKeys(prefix).layout;

  /** The number of keys matching `match`. */
  async function countKeys(match: string): Promise<number> {
    let n = 0;
    await scanEach(redis, match, 1000, async (page) => {
      n += page.length;
    });
    return n;
  }

  return {
    readMarker: () => redis.get(marker),

    async renameTeamKeys({ dryRun }) {
      const report: RenameReport = {
        renamed: 0,
        alreadyTagged: await countKeys(`${globEscape(prefix)}:t:{*`),
        conflicts: [],
        unknown: [],
        vanished: 0,
      };
      // A SCAN page per pipeline. The pattern leaves out tagged keys, so a key renamed during the SCAN is never
      // visited twice.
      await scanEach(redis, old.teamKeys, 500, async (page) => {
        const moves: { from: string; to: string }[] = [];
        for (const from of page) {
          const to = taggedName(prefix, from);
          if (to === null) report.unknown.push(from);
          else moves.push({ from, to });
        }
        if (moves.length === 0) return;
        const pipeline = redis.pipeline();
        for (const { from, to } of moves) {
          if (dryRun) pipeline.exists(to);
          else pipeline.renamenx(from, to);
        }
        const results = (await pipeline.exec()) ?? [];
        moves.forEach((move, i) => {
          const [error, value] = results[i] ?? [new Error('no reply'), null];
          if (error) {
            if (/no such key/i.test(error.message)) report.vanished++;
            else throw error;
          } else if (dryRun ? value === 1 : value === 0) report.conflicts.push(move);
          else report.renamed++;
        });
      });
      return report;
    },

    async dueTimes(queue, ids) {
      if (ids.length === 0) return new Map();
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.zscore(old.queueKey(queue, 'delayed'), id);
      const scores = await replies(pipeline, ids.length);
      const due = new Map<string, number>();
      ids.forEach((id, i) => {
        const score = scores[i];
        if (typeof score === 'string') due.set(id, Math.floor(Number(score) / DELAYED_SCORE_SHIFT));
      });
      return due;
    },

    async heldLocks(queue, ids) {
      if (ids.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.exists(old.queueKey(queue, `${id}:lock`));
      const found = await replies(pipeline, ids.length);
      return ids.filter((_, i) => found[i] === 1);
    },

    async deleteOldQueueKeys({ dryRun }) {
      let deleted = 0;
      await scanEach(redis, old.bullKeys, 500, async (page) => {
        deleted += dryRun ? page.length : await redis.unlink(...page);
      });
      return deleted;
    },

    async writeMarker() {
      await redis.set(marker, LAYOUT_VERSION);
    },
  };
}
