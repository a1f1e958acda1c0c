import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { JOB_NAMES } from '../../jobs/contracts.ts';
import { createWorkspaceJobs } from '../../jobs/producers/erase.ts';
import { digestSchedulerId } from '../../src/domain/schedule.ts';
import { DEFAULT_CHANNEL_SETTINGS } from '../../src/domain/settings.ts';
import {
  type ErasureDeps,
  eraseWorkspace,
  isNothing,
  surveyWorkspace,
} from '../../src/features/erase-workspace.ts';
import { createWorkspaceErasure } from '../../src/store/erase-workspace.ts';
import { globEscape } from '../../src/store/keys.ts';
import { OLD_LAYOUT_MESSAGE } from '../../src/store/layout.ts';
import { TEAM, useHarness } from '../support/harness.ts';
import { deleteByPrefix, dumpKeys, TEST_REDIS_ENV, testPrefix } from '../support/redis.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HOUR = 3_600_000;
const text = (v: unknown) => JSON.stringify(v);

/** Keys whose name or content names the workspace as a whole token (T0OTHER, not T0OTHER2). */
function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function naming(all: Map<string, string>, teamId: string): string[] {
  const re = new RegExp(`(^|[^A-Z0-9])${teamId}([^A-Z0-9]|$)`);
  return [...all].filter(([key, value]) => re.test(key) || re.test(value)).map(([key]) => key);
}

describe('erasing one workspace', () => {
  const h = useHarness();
  const prefix = () => h.deps.config.redis.prefix;
  const deps = (): ErasureDeps => ({
    logger: h.deps.logger,
    erasure: createWorkspaceErasure(h.deps.redis, h.deps.keys),
    workspaceJobs: createWorkspaceJobs(h.deps),
  });

  /** Jobs due in an hour, as a postponed refresh and a digest retry would sit in the queues. */
  async function queueLaterJobs(teamId: string, channelId: string): Promise<void> {
    await h.deps.cardQueue.add(
      JOB_NAMES.cardRefresh,
      { v: 1, teamId, itemId: 1, target: 'card' },
      { jobId: `card-${teamId}-1-later`, delay: HOUR },
    );
    await h.deps.digestQueue.add(
      JOB_NAMES.digest,
      { v: 1, teamId, channelId },
      { jobId: `retry-digest-${teamId}-${channelId}`, delay: HOUR },
    );
  }

  /** A second workspace's data, written through the stores and producers as the app would. */
  async function seedThroughStores(teamId: string): Promise<void> {
    const d = h.deps;
    for (const [n, channelId] of ['C0ONE', 'C0TWO'].entries()) {
      const { item } = await d.items.file({
        teamId,
        channelId,
        reporterId: 'U0ALICE',
        draft: {
          title: `Eval set leaks into training (${n})`,
          description: '',
          category: 'data',
          component: 'eval',
          links: [],
          ownerId: null,
        },
        submissionKey: `V${teamId}${n}`,
        estimates: { severity: 4 },
      });
      await d.votes.set(teamId, item.id, 'U0BOB', { frequency: 3 });
      await d.pain.add(teamId, item.id, { userId: 'U0BOB', hours: 3, at: new Date().toISOString() });
      const settings = { ...DEFAULT_CHANNEL_SETTINGS, digestEnabled: true, timezone: 'Europe/Berlin' };
      await d.settings.save(teamId, channelId, settings);
      expect(await d.producers.syncDigestSchedule(teamId, channelId, settings)).toBe('upserted');
    }
    await d.items.markPublished(teamId, 1);
    await d.digests.reserve(teamId, 'C0ONE', '2026-W10', new Date().toISOString());
    await d.digests.addMissed(teamId, 'C0TWO', '2026-W09');
    await d.adminCache.set(teamId, 'U0ALICE', true, 3600);
    await queueLaterJobs(teamId, 'C0ONE');
  }

  /** Everything of one workspace: its keys, its set members, its schedulers and its queued jobs. */
  async function footprint(teamId: string, options: { persistentOnly?: boolean } = {}) {
    const r = h.deps.redis;
    const own = (members: string[]) => members.filter((m) => m.startsWith(`${teamId}:`)).sort();
    const jobs = async (queue: typeof h.deps.cardQueue) =>
      (await queue.getJobs(['delayed', 'waiting'], 0, -1))
        .filter((job) => job.data?.teamId === teamId)
        .map((job) => job.id)
        .sort();
    return {
      keys: await dumpKeys(r, `${globEscape(h.deps.keys.teamHead(teamId))}*`, options),
      channels: own(await r.smembers(h.deps.keys.configuredChannels)),
      unpublished: own(await r.zrange(h.deps.keys.unpublished, 0, '-1')),
      schedulers: (await deps().workspaceJobs.schedulers(teamId)).sort(),
      cardJobs: await jobs(h.deps.cardQueue),
      digestJobs: await jobs(h.deps.digestQueue),
    };
  }

  /** Nothing of the workspace anywhere under the prefix: no key, member, job, scheduler or event names it. */
  async function expectNothingOf(teamId: string): Promise<void> {
    const all = await dumpKeys(h.deps.redis, `${prefix()}:*`);
    expect([...all.keys()].filter((key) => key.includes(`:t:{${teamId}}:`))).toEqual([]);
    const members = [
      ...(await h.deps.redis.smembers(h.deps.keys.configuredChannels)),
      ...(await h.deps.redis.zrange(h.deps.keys.unpublished, 0, '-1')),
    ];
    expect(members.filter((m) => m.startsWith(`${teamId}:`))).toEqual([]);
    expect(naming(all, teamId)).toEqual([]);
    expect(isNothing(await surveyWorkspace(deps(), teamId))).toBe(true);
  }

  /** Waits until the app's own card and panel refreshes for the workspace have run. */
  async function settled(teamId: string): Promise<void> {
    await h.fake.waitFor(async () => {
      const pending = await h.deps.cardQueue.getJobs(['waiting', 'active', 'delayed', 'prioritized'], 0, -1);
      return !pending.some((job) => job.data?.teamId === teamId && !job.id?.endsWith('-later'));
    }, 10_000);
  }

  async function vote(itemId: number, dimension: string, level: number, userId: string) {
    const { response, responseUrl } = await h.click(`debt_vote:${dimension}:${level}`, String(itemId), {
      userId,
      blockId: `debt_vote_${dimension}`,
    });
    expect(response.status).toBe(200);
    return h.fake.waitFor(() => h.fake.responses(responseUrl)[0]);
  }

  it('erases a workspace filed through the app and leaves nothing of it; another keeps all its data and schedulers', async () => {
    const other = 'T0OTHER';
    await seedThroughStores(other);
    // The app's own workspace, through the real receiver: two channels, votes, a pain report, digests on.
    const first = await h.file({ title: 'Notebook-only feature pipeline', channelId: 'C0ERASE1' });
    const second = await h.file({ title: 'Unpinned CUDA base image', channelId: 'C0ERASE2', severity: '3' });
    await vote(first, 'severity', 4, 'U0V1');
    await vote(second, 'frequency', 2, 'U0V2');
    expect(text(await (await h.command(`hit DEBT-${first} 2`)).reply())).toContain(`DEBT-${first}`);
    await queueLaterJobs(TEAM, 'C0ERASE1');
    await settled(TEAM);
    const otherBefore = await footprint(other);
    expect(otherBefore.schedulers).toEqual([
      digestSchedulerId(other, 'C0ONE'),
      digestSchedulerId(other, 'C0TWO'),
    ]);

    const survey = await surveyWorkspace(deps(), TEAM);
    expect(survey).toMatchObject({
      items: 2,
      channelIds: ['C0ERASE1', 'C0ERASE2'],
      setMembers: { channels: 2 },
      schedulers: 2,
      // The two hour-later jobs and each scheduler's next run.
      jobs: { queued: 4, active: 0 },
    });
    expect(survey.keys).toBeGreaterThan(15);
    expect(survey.events).toBeGreaterThan(0);

    const report = await eraseWorkspace(deps(), TEAM, { settleMs: 200 });
    expect(isNothing(report.left)).toBe(true);
    expect(report.erased).toMatchObject({
      items: 2,
      channelIds: ['C0ERASE1', 'C0ERASE2'],
      setMembers: { channels: 2, unpublished: 0 },
      schedulers: 2,
      jobs: 2,
    });
    // Not exactly the survey's count: refresh gates and caches (TTL keys) may expire or appear in between.
    expect(report.erased.keys).toBeGreaterThan(15);
    expect(h.log.some((line) => line.includes('"msg":"workspace erased"'))).toBe(true);

    await expectNothingOf(TEAM);
    for (const channelId of ['C0ERASE1', 'C0ERASE2'])
      expect(await h.deps.digestQueue.getJobScheduler(digestSchedulerId(TEAM, channelId))).toBeUndefined();
    // The other workspace: every key, member, scheduler and job exactly as before.
    expect(await footprint(other)).toEqual(otherBefore);
    expect(await h.deps.items.listTeam(other)).toHaveLength(2);

    // The app keeps serving: its workspace starts again from an empty backlog.
    expect(text(await (await h.command('list all')).reply())).toContain('Nothing here');
    const again = await h.file({ title: 'Feature flags without owners', channelId: 'C0ERASE1' });
    expect(again).toBe(1);
    expect(await h.deps.digestQueue.getJobScheduler(digestSchedulerId(TEAM, 'C0ERASE1'))).toBeDefined();
    expect(await footprint(other)).toEqual(otherBefore);
  });

  it('erases another workspace while the app keeps serving its own, untouched', async () => {
    const gone = 'T0GONE';
    // T0GONE2 begins with T0GONE: whatever matches by prefix would take it along.
    await seedThroughStores(gone);
    await seedThroughStores('T0GONE2');
    const id = await h.file({ title: 'Labels drift between vendors', channelId: 'C0KEEP' });
    await vote(id, 'severity', 5, 'U0V3');
    await settled(TEAM);
    const teamBefore = await footprint(TEAM, { persistentOnly: true });
    const neighbourBefore = await footprint('T0GONE2');
    expect(teamBefore.keys.size).toBeGreaterThan(5);

    const report = await eraseWorkspace(deps(), gone, { settleMs: 200 });
    expect(isNothing(report.left)).toBe(true);
    expect(report.erased).toMatchObject({
      items: 2,
      channelIds: ['C0ONE', 'C0TWO'],
      setMembers: { channels: 2, unpublished: 1 },
      schedulers: 2,
      jobs: 2,
    });
    await expectNothingOf(gone);
    expect(await footprint(TEAM, { persistentOnly: true })).toEqual(teamBefore);
    expect(await footprint('T0GONE2')).toEqual(neighbourBefore);

    // Still serving its own workspace: votes count, lists list, filing files.
    expect(text(await vote(id, 'frequency', 4, 'U0V3'))).toContain('You voted frequency');
    expect(text(await (await h.command('list', { channelId: 'C0KEEP' })).reply())).toContain(`DEBT-${id}`);
    expect(await h.file({ title: 'No rollback for the ranker', channelId: 'C0KEEP' })).toBe(id + 1);
  });

  describe('the operator script', () => {
    interface Run {
      code: number | null;
      stdout: string;
      stderr: string;
    }

    function run(args: string[], opts: { input?: string; env?: Record<string, string | undefined> } = {}) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/erase-workspace.ts', ...args], {
        cwd: ROOT,
        // A variable given as undefined is left out (a test's single Redis in place of the suite's cluster).
        env: definedOnly({
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          SLACK_BOT_TOKEN: 'xoxb-erase-test',
          SLACK_SIGNING_SECRET: 'erase-test',
          SLACK_API_URL: h.fake.url,
          ...TEST_REDIS_ENV,
          REDIS_PREFIX: prefix(),
          LOG_LEVEL: 'error',
          ...opts.env,
        }),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.stdin.end(opts.input ?? '');
      return new Promise<Run>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
    }

    const stored = async (teamId: string) => (await surveyWorkspace(deps(), teamId)).keys;

    it('refuses a malformed id, a wrong or missing confirmation, and a --yes naming another workspace', async () => {
      await seedThroughStores('T0SCRIPT');
      const keys = await stored('T0SCRIPT');
      const [malformed, pattern, wrong, silent, otherYes, twoIds, noId] = await Promise.all([
        run(['t0script']),
        run(['T0SCRIPT*', '--yes', 'T0SCRIPT*']),
        run(['T0SCRIPT'], { input: 'T0SCRIPX\n' }),
        run(['T0SCRIPT']),
        run(['T0SCRIPT', '--yes', 'T0OTHER']),
        run(['T0SCRIPT', 'T0OTHER']),
        run([]),
      ]);
      for (const refused of [malformed, pattern, wrong, silent, otherYes, twoIds, noId]) {
        expect(refused.code).toBe(2);
        expect(refused.stderr).not.toBe('');
      }
      expect(malformed.stderr).toContain('"t0script" is not a Slack workspace id');
      expect(pattern.stderr).toContain('is not a Slack workspace id');
      expect(otherYes.stderr).toContain('--yes T0OTHER does not repeat the workspace id T0SCRIPT');
      expect(noId.stderr).toContain('Usage: npm run erase-workspace');
      // The wrong confirmation came after the counts were shown.
      expect(wrong.stdout).toMatch(/items +2\n/);
      expect(wrong.stdout).toMatch(/channels +2 \(C0ONE, C0TWO\)\n/);
      expect(wrong.stdout).toContain(`keys               ${keys} under ${prefix()}:t:{T0SCRIPT}:`);
      expect(wrong.stdout).toContain('Type T0SCRIPT to erase');
      expect(wrong.stderr).toContain('"T0SCRIPX" is not T0SCRIPT. Nothing was erased.');
      expect(silent.stderr).toContain('No confirmation was typed');
      expect(await stored('T0SCRIPT')).toBe(keys);
      expect(await deps().workspaceJobs.schedulers('T0SCRIPT')).toHaveLength(2);
    });

    it('fails clearly without configuration or Redis, erasing nothing', async () => {
      const [unconfigured, noRedis] = await Promise.all([
        run(['T0SCRIPT', '--yes', 'T0SCRIPT'], { env: { SLACK_BOT_TOKEN: undefined } }),
        run(['T0SCRIPT', '--yes', 'T0SCRIPT'], {
          env: { REDIS_URL: 'redis://127.0.0.1:1', REDIS_CLUSTER_NODES: undefined },
        }),
      ]);
      expect(unconfigured.code).toBe(1);
      expect(unconfigured.stderr).toContain('SLACK_BOT_TOKEN is required');
      expect(noRedis.code).toBe(1);
      expect(noRedis.stderr).toContain('Redis at redis://127.0.0.1:1 is not answering. Nothing was erased.');
      expect(await stored('T0SCRIPT')).toBeGreaterThan(0);
    });

    it('refuses data in the old key layout or a layout it does not know, erasing nothing and marking nothing', async () => {
      // Erasure looks under the tagged names only: on layout 1 data it would find nothing and call that success.
      const oldPrefix = testPrefix('erase-old-layout');
      const redis = h.deps.redis;
      try {
        await redis.set(`${oldPrefix}:t:T0SCRIPT:seq`, '1');
        await redis.set(`${oldPrefix}:t:T0SCRIPT:item:1`, '{}');
        const before = await dumpKeys(redis, `${globEscape(oldPrefix)}:t:*`);
        const refused = await run(['T0SCRIPT', '--yes', 'T0SCRIPT'], { env: { REDIS_PREFIX: oldPrefix } });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain(`Cannot erase: ${OLD_LAYOUT_MESSAGE}`);
        expect(refused.stderr).toContain('Nothing was erased.');
        expect(refused.stdout).toBe('');
        expect(await dumpKeys(redis, `${globEscape(oldPrefix)}:t:*`)).toEqual(before);
        // Nor the layout marker: that is the start check's and the migration's to write.
        expect(await redis.get(`${oldPrefix}:layout`)).toBeNull();

        await redis.set(`${oldPrefix}:layout`, '3');
        const unknown = await run(['T0SCRIPT', '--yes', 'T0SCRIPT'], { env: { REDIS_PREFIX: oldPrefix } });
        expect(unknown.code).toBe(1);
        expect(unknown.stderr).toContain(`Cannot erase: this Redis holds keys in layout "3"`);
        expect(await redis.get(`${oldPrefix}:t:T0SCRIPT:seq`)).toBe('1');
      } finally {
        await deleteByPrefix(redis, oldPrefix);
      }
    });

    it('erases after the typed confirmation, or with --yes and the id repeated; other workspaces stay', async () => {
      await seedThroughStores('T0SCRIPTB');
      await settled(TEAM);
      const teamBefore = await footprint(TEAM, { persistentOnly: true });

      const typed = await run(['T0SCRIPT'], { input: 'T0SCRIPT\n' });
      expect(typed.stderr).toBe('');
      expect(typed.code).toBe(0);
      expect(typed.stdout).toContain('\nErased 2 items in 2 channels: ');
      expect(typed.stdout).toContain('Nothing of T0SCRIPT is left.');
      await expectNothingOf('T0SCRIPT');
      expect(await stored('T0SCRIPTB')).toBeGreaterThan(0);

      const yes = await run(['--yes', 'T0SCRIPTB', 'T0SCRIPTB']);
      expect(yes.code).toBe(0);
      expect(yes.stdout).toContain('Nothing of T0SCRIPTB is left.');
      await expectNothingOf('T0SCRIPTB');

      const again = await run(['T0SCRIPTB', '--yes', 'T0SCRIPTB']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('Nothing of workspace T0SCRIPTB is stored');
      expect(await footprint(TEAM, { persistentOnly: true })).toEqual(teamBefore);
    });
  });
});
