// `npm run migrate-keys` on a real Redis (decision 0025): an installation in the old key layout comes out with every
// key under its tagged name, contents and TTLs unchanged, its jobs still to run in BullMQ's new prefix (digest runs
// whose slot has come and jobs a crash left running among them), nothing left under the old one, and the layout
// marker set. A rerun changes nothing; a key under both names is reported and kept; a dry run changes nothing; a
// job whose lock is still held stops it before anything changes.
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { isoWeekKey, slotFromJob } from '../src/domain/schedule.ts';
import { createLogger } from '../src/lib/logger.ts';
import type { Running } from '../src/lib/running.ts';
import { migrateKeysScript } from '../src/migrate-keys.ts';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { startWorkers } from '../src/start-workers.ts';
import { createKeys, globEscape } from '../src/store/keys.ts';
import { checkKeyLayout, taggedName } from '../src/store/layout.ts';
import { digestPosts } from './support/digest-jobs.ts';
import {
  appEnv,
  digestRunId,
  ITEM_TITLE,
  OLD_CHANNEL,
  OLD_JOBS,
  OLD_TEAM,
  OLD_ZONE,
  PARKED_CHANNEL,
  takeNextJob,
  writeOldLayout,
} from './support/old-layout.ts';
import { createTestRedis, crossSlotRefused, deleteByPrefix, dumpKeys, testPrefix } from './support/redis.ts';

/** BullMQ's delayed score: due time in ms times 4096 plus a counter. */
const dueOf = (score: string | null) => (score === null ? null : Math.floor(Number(score) / 0x1000));

// The migration runs on one Redis only (a rename cannot cross hash slots), so never against a test cluster.
describe.skipIf(await crossSlotRefused())('npm run migrate-keys', () => {
  const redis = createTestRedis();
  let prefix = '';
  const queues: Queue[] = [];
  beforeEach(() => {
    prefix = testPrefix('migrate-keys');
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((q) => q.close()));
    await deleteByPrefix(redis, prefix);
  });
  afterAll(() => redis.quit());

  async function run(args: string[], env: Record<string, string> = appEnv(prefix)) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await migrateKeysScript(args, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  }

  const everything = () => dumpKeys(redis, `${globEscape(prefix)}:*`);
  const workspaceKeys = () => dumpKeys(redis, `${globEscape(prefix)}:t:*`);
  const countKeys = async (pattern: string) => (await dumpKeys(redis, pattern)).size;

  /** A queue to look into; it writes no meta hash (BullMQ does by default), so looking changes nothing. */
  function queue(name: string, bullPrefix: string): Queue {
    const q = new Queue(name, { connection: redis, prefix: bullPrefix, skipMetasUpdate: true });
    queues.push(q);
    return q;
  }

  /** Every key's remaining TTL, for the keys that have one. */
  async function ttls(keys: Iterable<string>): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const key of keys) {
      const ms = await redis.pttl(key);
      if (ms > 0) found.set(key, ms);
    }
    return found;
  }

  it('renames every workspace key with its contents and TTL, moves the queued jobs, deletes the old queues, marks the layout', async () => {
    const { digestSlot } = await writeOldLayout(redis, prefix);
    const before = await workspaceKeys();
    expect([...before.keys()].every((key) => !key.startsWith(`${prefix}:t:{`))).toBe(true);
    const ttlBefore = await ttls(before.keys());
    // The admin cache and the filing's idempotency marker.
    expect(ttlBefore.size).toBeGreaterThanOrEqual(2);
    const oldDigests = queue('digests', `${prefix}:bull`);
    const dueBefore = dueOf(await redis.zscore(oldDigests.toKey('delayed'), OLD_JOBS.digests.delayed));
    const parked = digestRunId(PARKED_CHANNEL, digestSlot);
    const due = digestRunId(OLD_CHANNEL, digestSlot);
    const parkedDue = dueOf(await redis.zscore(oldDigests.toKey('delayed'), parked));
    expect(parkedDue).toBeGreaterThan(Date.now());
    expect(dueOf(await redis.zscore(oldDigests.toKey('delayed'), due))).toBe(digestSlot);
    const oldRuns = new Map(
      await Promise.all([parked, due].map(async (id) => [id, await oldDigests.getJob(id)] as const)),
    );
    const globalBefore = await dumpKeys(redis, `${globEscape(prefix)}:[cu]*`);

    const migrated = await run([]);
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(
      `  workspace keys     ${before.size} renamed to ${prefix}:t:{<team>}:…, 0 already tagged`,
    );
    expect(migrated.stdout).toContain(
      `  queued jobs        6 copied to ${prefix}:{${prefix}:bull} (cards 3, digests 3); 2 scheduler runs left out`,
    );
    expect(migrated.stdout).toContain(
      '  digest runs        2 whose slot has come among them: each is posted late or reported missed, once',
    );
    expect(migrated.stdout).toContain(
      '  running jobs       1 among them was running when its process stopped: queued again, to run again',
    );
    expect(migrated.stdout).toContain(`  layout marker      ${prefix}:layout = 2`);
    expect(migrated.stdout).toContain('Done: the app can start.');

    // Every key under its tagged name, nothing else, with the same contents.
    const expected = new Map([...before].map(([key, value]) => [taggedName(prefix, key) ?? key, value]));
    expect(await workspaceKeys()).toEqual(expected);
    expect([...expected.keys()].every((key) => key.startsWith(createKeys(prefix).teamHead(OLD_TEAM)))).toBe(
      true,
    );
    // TTLs kept: still running down from where they were, not dropped, not reset.
    for (const [key, ms] of ttlBefore) {
      const now = await redis.pttl(taggedName(prefix, key) ?? key);
      expect(now).toBeGreaterThan(0);
      expect(now).toBeLessThanOrEqual(ms);
    }
    // Install-wide keys (`channels`, `unpublished`) keep their names and contents.
    expect(await dumpKeys(redis, `${globEscape(prefix)}:[cu]*`)).toEqual(globalBefore);

    const bull = createKeys(prefix).bullPrefix;
    const cards = queue('cards', bull);
    const digests = queue('digests', bull);
    const queued = async (q: Queue) =>
      (await q.getJobs(['waiting', 'prioritized', 'delayed'])).map((j) => j.id ?? '').sort();
    expect(await queued(cards)).toEqual(
      [OLD_JOBS.cards.prioritized, OLD_JOBS.cards.waiting, OLD_JOBS.cards.crashed].sort(),
    );
    // The card sweep's run and the parked channel's run for next week's slot are left to the schedulers.
    expect(await queued(digests)).toEqual([OLD_JOBS.digests.delayed, due, parked].sort());
    expect(await cards.getJobSchedulers()).toEqual([]);
    expect(await digests.getJobSchedulers()).toEqual([]);
    const refresh = await cards.getJob(OLD_JOBS.cards.waiting);
    expect(refresh?.data).toEqual({ v: 1, teamId: OLD_TEAM, itemId: 1, target: 'card' });
    expect(refresh?.opts).toMatchObject({ attempts: 6, backoff: { type: 'exponential', delay: 1000 } });
    expect(await cards.getJobState(OLD_JOBS.cards.prioritized)).toBe('prioritized');
    expect((await cards.getJob(OLD_JOBS.cards.prioritized))?.priority).toBe(3);
    expect(await digests.getJobState(OLD_JOBS.digests.delayed)).toBe('delayed');
    // Due when it was due, not at its timestamp plus its first delay.
    expect(dueOf(await redis.zscore(digests.toKey('delayed'), OLD_JOBS.digests.delayed))).toBe(dueBefore);
    // The crashed job is queued again, to run at once.
    expect(await cards.getJobState(OLD_JOBS.cards.crashed)).toBe('waiting');
    // Each digest run is a plain job now, under the id that carries its slot, with its name, data and retries.
    for (const [id, old] of oldRuns) {
      const copy = await digests.getJob(id);
      expect(copy?.name).toBe(old?.name);
      expect(copy?.data).toEqual(old?.data);
      expect(copy?.opts.attempts).toBe(12);
      expect(copy?.repeatJobKey).toBeUndefined();
      expect(copy && slotFromJob(copy)).toBe(digestSlot);
    }
    // Due since its slot, and the parked one when it was parked until.
    expect(dueOf(await redis.zscore(digests.toKey('delayed'), due))).toBe(digestSlot);
    expect(dueOf(await redis.zscore(digests.toKey('delayed'), parked))).toBe(parkedDue);

    expect(await countKeys(`${globEscape(prefix)}:bull:*`)).toBe(0);
    expect(await redis.get(`${prefix}:layout`)).toBe('2');

    // The app's own stores find the data where they look now.
    const deps = createDeps(loadConfig(appEnv(prefix)), { logger: createLogger('error') });
    try {
      await deps.ready();
      expect((await deps.items.get(OLD_TEAM, 1))?.title).toBe(ITEM_TITLE);
      expect((await deps.items.listChannel(OLD_TEAM, OLD_CHANNEL)).map((i) => i.id)).toEqual([1]);
      expect((await deps.settings.get(OLD_TEAM, OLD_CHANNEL)).timezone).toBe('Europe/Berlin');
      expect((await deps.digests.record(OLD_TEAM, OLD_CHANNEL, '2026-W10'))?.state).toBe('reserved');
      expect(await deps.adminCache.get(OLD_TEAM, 'U0ALICE')).toBe(true);
      expect((await deps.votes.forItems(OLD_TEAM, [1])).get(1)?.length).toBeGreaterThan(0);
      expect(await deps.items.teamsWithItems()).toEqual([OLD_TEAM]);
      expect(await checkKeyLayout(deps.redis, prefix)).toBe('current');
    } finally {
      await deps.close();
    }

    // A rerun finds nothing to do and changes nothing.
    const all = await everything();
    const again = await run([]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `  workspace keys     0 renamed to ${prefix}:t:{<team>}:…, ${before.size} already tagged`,
    );
    expect(again.stdout).toContain('  queued jobs        0 copied');
    expect(again.stdout).toContain('  old queue keys     0 deleted');
    expect(await everything()).toEqual(all);
  });

  it('a dry run reports what it would do and changes nothing', async () => {
    await writeOldLayout(redis, prefix);
    const before = await everything();
    const keys = (await workspaceKeys()).size;

    const dry = await run(['--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`Dry run of the key layout migration in redis://`);
    expect(dry.stdout).toContain(
      `  workspace keys     ${keys} to rename to ${prefix}:t:{<team>}:…, 0 already tagged`,
    );
    expect(dry.stdout).toContain('  queued jobs        6 to copy');
    expect(dry.stdout).toMatch(/ {2}old queue keys {5}[1-9]\d* to delete under /);
    expect(dry.stdout).toContain(`  layout marker      ${prefix}:layout to be set to 2`);
    expect(dry.stdout).toContain('Nothing was changed.');
    expect(await everything()).toEqual(before);
  });

  it('keeps both keys when the new name exists, says so, and stops before the queues and the marker', async () => {
    await writeOldLayout(redis, prefix);
    const oldSeq = `${prefix}:t:${OLD_TEAM}:seq`;
    const newSeq = `${prefix}:t:{${OLD_TEAM}}:seq`;
    // A process of the new version ran too early and filed an item of its own.
    await redis.set(newSeq, '7');
    const bullBefore = await dumpKeys(redis, `${globEscape(prefix)}:bull:*`);

    const dry = await run(['--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`${oldSeq} → ${newSeq}`);

    const refused = await run([]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('  conflicts          1, left as they are (the new name exists too):');
    expect(refused.stdout).toContain(`${oldSeq} → ${newSeq}`);
    expect(refused.stdout).toContain('  queues             not moved yet');
    expect(refused.stderr).toContain('Keys exist under both names');
    expect(await redis.get(oldSeq)).toBe('1');
    expect(await redis.get(newSeq)).toBe('7');
    expect(await redis.get(`${prefix}:layout`)).toBeNull();
    expect(await dumpKeys(redis, `${globEscape(prefix)}:bull:*`)).toEqual(bullBefore);
    // Everything else moved.
    expect(await countKeys(`${globEscape(prefix)}:t:[^{]*`)).toBe(1);

    // The operator keeps the old counter; the rerun completes.
    await redis.del(newSeq);
    const resolved = await run([]);
    expect(resolved.code).toBe(0);
    expect(resolved.stdout).toContain('  workspace keys     1 renamed');
    expect(await redis.get(newSeq)).toBe('1');
    expect(await redis.get(`${prefix}:layout`)).toBe('2');
  });

  it('refuses a cluster, an unknown layout, and unknown arguments, changing nothing', async () => {
    await writeOldLayout(redis, prefix);
    const before = await everything();
    const { REDIS_URL: _single, ...clusterEnv } = appEnv(prefix);
    const cluster = await run([], { ...clusterEnv, REDIS_CLUSTER_NODES: 'redis://127.0.0.1:7001' });
    expect(cluster.code).toBe(1);
    expect(cluster.stderr).toContain(
      'REDIS_CLUSTER_NODES is set: migrate on the single Redis first, then copy to the cluster',
    );
    const usage = await run(['--yes']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run migrate-keys');
    expect((await run(['--help'])).code).toBe(0);
    expect(await everything()).toEqual(before);

    await redis.set(`${prefix}:layout`, '3');
    const newer = await run([]);
    expect(newer.code).toBe(1);
    expect(newer.stderr).toContain(`${prefix}:layout is "3"`);
    expect((await workspaceKeys()).size).toBe(
      [...before.keys()].filter((k) => k.startsWith(`${prefix}:t:`)).length,
    );
  });

  it('a digest run due while the workers were down, and one parked, are each posted once for their slot by the new workers', async () => {
    const { digestSlot } = await writeOldLayout(redis, prefix);
    expect((await run([])).code).toBe(0);
    const fake = await FakeSlack.start({ teamId: OLD_TEAM });
    const deps = createDeps(loadConfig({ ...appEnv(prefix), SLACK_API_URL: fake.url }), {
      logger: createLogger('error'),
    });
    let workers: Running | undefined;
    try {
      await deps.ready();
      workers = await startWorkers(deps);
      const week = isoWeekKey(digestSlot, OLD_ZONE);
      const posted = async (channelId: string) =>
        (await deps.digests.record(OLD_TEAM, channelId, week))?.state === 'posted';
      const posts = (channelId: string) => digestPosts(fake.messages(channelId));
      await fake.waitFor(() => posted(OLD_CHANNEL), 15_000);
      expect(posts(OLD_CHANNEL)).toHaveLength(1);
      // Parked for a quarter of an hour; a worker that finds the token accepted again runs it now
      // (src/start-workers.ts), choosing by the slot its id carries.
      expect(posts(PARKED_CHANNEL)).toHaveLength(0);
      expect(await deps.producers.promoteDueDigests()).toBe(1);
      await fake.waitFor(() => posted(PARKED_CHANNEL), 15_000);
      // Once each: the re-created schedulers wait for next week's slot.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(posts(OLD_CHANNEL)).toHaveLength(1);
      expect(posts(PARKED_CHANNEL)).toHaveLength(1);
      for (const channelId of [OLD_CHANNEL, PARKED_CHANNEL])
        expect(
          (await deps.digestQueue.getJobScheduler(`digest-${OLD_TEAM}-${channelId}`))?.next,
        ).toBeGreaterThan(Date.now());
    } finally {
      await workers?.stop();
      await deps.close();
      await fake.close();
    }
  });

  it("changes nothing while a worker still holds a job's lock, and queues that job again once the lock is gone", async () => {
    await writeOldLayout(redis, prefix);
    // A worker took the waiting card refresh and is still running it (or died less than its lock's 30 s ago).
    await takeNextJob(prefix, 'cards', 30_000);
    const before = await everything();

    for (const args of [['--dry-run'], []]) {
      const refused = await run(args);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `1 job under ${prefix}:bull is running, a worker still holding its lock:`,
      );
      expect(refused.stderr).toContain(`cards ${OLD_JOBS.cards.waiting}`);
      expect(refused.stderr).toContain('Nothing was changed.');
      expect(await everything()).toEqual(before);
    }

    // The lock runs out, as it does half a minute after its process died.
    await redis.del(`${prefix}:bull:cards:${OLD_JOBS.cards.waiting}:lock`);
    const migrated = await run([]);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain(
      '  running jobs       2 among them were running when their processes stopped',
    );
    const cards = queue('cards', createKeys(prefix).bullPrefix);
    expect(await cards.getJobState(OLD_JOBS.cards.waiting)).toBe('waiting');
    expect((await cards.getJob(OLD_JOBS.cards.waiting))?.data).toEqual({
      v: 1,
      teamId: OLD_TEAM,
      itemId: 1,
      target: 'card',
    });
  });

  it('fails clearly when Redis does not answer', async () => {
    const down = await run([], { ...appEnv(prefix), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('Redis at redis://127.0.0.1:1 is not answering. Nothing was changed.');
  });
});
