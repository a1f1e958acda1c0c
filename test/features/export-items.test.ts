// `/debt export` end to end below the listener: real Redis, the fake Slack, the CSV read back as a spreadsheet would.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createDeps, type Runtime } from '../../src/deps.ts';
import { type ExportRequest, exportItems } from '../../src/features/export-items.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { deleteByPrefix, TEST_REDIS_ENV, testPrefix } from '../support/redis.ts';
import { type SeedItem, seedItems } from '../support/seed-items.ts';

let fake: FakeSlack;
let deps: Runtime;
let client: WebClient;
const log: string[] = [];
const prefix = testPrefix('export-items');
const tmpRoot = mkdtempSync(join(tmpdir(), 'export-items-test-'));
let teamSeq = 0;

beforeAll(async () => {
  fake = await FakeSlack.start({});
  deps = createDeps(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'test-secret',
      SLACK_API_URL: fake.url,
      REDIS_PREFIX: prefix,
      ...TEST_REDIS_ENV,
      PORT: '0',
    }),
    { logger: createLogger('info', {}, (line) => log.push(line)) },
  );
  await deps.ready();
  // As the workers' client (src/start-workers.ts).
  client = new WebClient('xoxb-test', {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
});
afterAll(async () => {
  await deleteByPrefix(deps.redis, prefix);
  await deps.close();
  await fake.close();
  rmSync(tmpRoot, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

/** A workspace of its own per test, so tests share nothing but the Redis prefix. */
const newTeam = () => `T0EXP${++teamSeq}`;

const seed = (teamId: string, items: Omit<SeedItem['item'], 'teamId'>[], extra: Partial<SeedItem> = {}) =>
  seedItems(
    deps.redis,
    deps.keys,
    items.map((item) => ({ ...extra, item: { ...item, teamId } })),
  );

async function run(req: ExportRequest) {
  return exportItems(deps, req, client, { tmpRoot });
}

/** The last file DM'd to the user, read back as csv-parse reads it (header row as keys, BOM skipped). */
function deliveredRows(userId: string): Record<string, string>[] {
  const files = fake.messages(userId).flatMap((m) => (m.files ?? []) as { id: string }[]);
  expect(files.length).toBeGreaterThan(0);
  const bytes = fake.file(files.at(-1)?.id ?? '')?.bytes ?? Buffer.alloc(0);
  expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  return parse(bytes, { columns: true, bom: true }) as Record<string, string>[];
}

const exportedIds = (userId: string) => deliveredRows(userId).map((r) => r.id);

describe('exportItems', () => {
  it('DMs a CSV of the channel that reads back with the right rows and values', async () => {
    const teamId = newTeam();
    const now = Date.now();
    await seedItems(deps.redis, deps.keys, [
      {
        item: {
          id: 1,
          teamId,
          channelId: 'C0ML',
          title: 'Feature store "v2", again\nand again 🔥',
          description: '=HYPERLINK("http://evil.example")',
          reporterId: 'U0ALICE',
          ownerId: 'U0BOB',
          category: 'pipeline',
          links: ['https://a.example/1', 'https://b.example/2'],
          card: { ts: '1769936400.123456', orphaned: false },
          panelTs: '1769936401.000100',
        },
        votes: [
          { userId: 'U0ALICE', dimension: 'severity', level: 3 },
          { userId: 'U0ALICE', dimension: 'frequency', level: 4 },
          { userId: 'U0BOB', dimension: 'severity', level: 3 },
          { userId: 'U0BOB', dimension: 'frequency', level: 4 },
          { userId: 'U0BOB', dimension: 'effort', level: 2 },
        ],
        pain: [
          { userId: 'U0BOB', hours: 2.5, at: new Date(now - 86_400_000).toISOString() },
          { userId: 'U0BOB', hours: 9, at: new Date(now - 40 * 86_400_000).toISOString() },
        ],
      },
      { item: { id: 2, teamId, channelId: 'C0ML', title: 'Unpinned CUDA', reporterId: 'U0BOB' } },
      { item: { id: 3, teamId, channelId: 'C0OTHER', title: 'Elsewhere', reporterId: 'U0BOB' } },
    ]);

    expect(await run({ teamId, userId: 'U0ALICE', channelId: 'C0ML', scope: 'channel' })).toEqual({
      rows: 2,
    });

    const rows = deliveredRows('U0ALICE');
    expect(rows.map((r) => r.id)).toEqual(['DEBT-1', 'DEBT-2']);
    expect(rows[0]).toMatchObject({
      title: 'Feature store "v2", again\nand again 🔥',
      description: `'=HYPERLINK("http://evil.example")`,
      category: 'pipeline',
      category_label: 'Pipelines & glue code',
      links: 'https://a.example/1 https://b.example/2',
      reporter_id: 'U0ALICE',
      owner_id: 'U0BOB',
      status: 'open',
      // Severity 4 h × frequency 5 /week; effort S = 8 h.
      interest_hours_per_week: '20',
      interest_source: 'voted',
      effort_hours: '8',
      effort_known: 'true',
      payback_weeks: '0.4',
      priority: '2.5',
      voters: '2',
      ranked: 'true',
      confidence: 'medium',
      pain_hours_28d: '2.5',
      card_permalink: 'https://fake.slack.com/archives/C0ML/p1769936400123456',
    });
    expect(rows[1]).toMatchObject({
      interest_hours_per_week: '',
      priority: '',
      ranked: 'false',
      card_permalink: '',
    });

    const [dm] = fake.messages('U0ALICE');
    expect(dm?.text).toBe(
      'Your export of <#C0ML>: 2 items. It opens in any spreadsheet (UTF-8, comma-separated).',
    );
    expect(fake.files()[0]).toMatchObject({
      name: expect.stringMatching(/^debt-export-C0ML-\d{4}-\d\d-\d\d\.csv$/),
    });
    // Permalinks are built from auth.test's workspace URL, not asked of Slack per item.
    expect(fake.callsTo('chat.getPermalink')).toHaveLength(0);
    expect(readdirSync(tmpRoot)).toEqual([]);
    fake.assertNoViolations();
  });

  it("leaves a private channel's items out of a bystander's `all`, not the reporter's or an admin's", async () => {
    const teamId = newTeam();
    await seed(teamId, [
      { id: 1, channelId: 'C0PUB', title: 'Public one', reporterId: 'U0CAROL' },
      { id: 2, channelId: 'G0SECRET', channelVisibility: 'private', title: 'Private', reporterId: 'U0ALICE' },
      { id: 3, channelId: 'G0SECRET', channelVisibility: 'unknown', title: 'Unknown', reporterId: 'U0CAROL' },
      {
        id: 4,
        channelId: 'G0SECRET',
        channelVisibility: 'private',
        title: 'Owned',
        reporterId: 'U0CAROL',
        ownerId: 'U0BOB',
      },
    ]);
    fake.setUser('U0ADMIN', { is_admin: true });
    const all = (userId: string) => run({ teamId, userId, channelId: 'C0PUB', scope: 'all' });

    expect(await all('U0DAVE')).toEqual({ rows: 1 });
    expect(exportedIds('U0DAVE')).toEqual(['DEBT-1']);
    await all('U0ALICE');
    expect(exportedIds('U0ALICE')).toEqual(['DEBT-1', 'DEBT-2']);
    await all('U0BOB');
    expect(exportedIds('U0BOB')).toEqual(['DEBT-1', 'DEBT-4']);
    await all('U0ADMIN');
    expect(exportedIds('U0ADMIN')).toEqual(['DEBT-1', 'DEBT-2', 'DEBT-3', 'DEBT-4']);
    expect(fake.messages('U0ADMIN')[0]?.text).toMatch(
      /every item in the workspace, private channels included: 4 items/,
    );
    expect(fake.messages('U0DAVE')[0]?.text).toMatch(/every item you can see: 1 item\./);
    // Asked from inside the private channel, its export holds all of its items.
    await run({ teamId, userId: 'U0DAVE', channelId: 'G0SECRET', scope: 'channel' });
    expect(exportedIds('U0DAVE')).toEqual(['DEBT-2', 'DEBT-3', 'DEBT-4']);
  });

  it('pages through more items than one page holds, in item order', async () => {
    const teamId = newTeam();
    const items = Array.from({ length: 1203 }, (_, i) => ({
      id: i + 1,
      channelId: i % 3 === 0 ? 'C0BIG' : 'C0SIDE',
      title: `Item ${i + 1}`,
      reporterId: 'U0ALICE',
    }));
    await seed(teamId, items, {
      votes: [
        { userId: 'U0BOB', dimension: 'severity', level: 2 },
        { userId: 'U0BOB', dimension: 'frequency', level: 2 },
      ],
    });
    expect(await run({ teamId, userId: 'U0ALICE', channelId: 'C0BIG', scope: 'all' })).toEqual({
      rows: 1203,
    });
    const rows = deliveredRows('U0ALICE');
    expect(rows.map((r) => r.id)).toEqual(items.map((i) => `DEBT-${i.id}`));
    expect(new Set(rows.map((r) => r.interest_hours_per_week))).toEqual(new Set(['0.25']));
    fake.reset();
    expect(await run({ teamId, userId: 'U0ALICE', channelId: 'C0BIG', scope: 'channel' })).toEqual({
      rows: 401,
    });
    expect(exportedIds('U0ALICE').at(-1)).toBe('DEBT-1201');
  });

  it('says there is nothing to export rather than sending an empty file', async () => {
    const teamId = newTeam();
    await seed(teamId, [
      { id: 1, channelId: 'G0SECRET', channelVisibility: 'private', title: 'Private', reporterId: 'U0ALICE' },
    ]);
    expect(await run({ teamId, userId: 'U0DAVE', channelId: 'C0PUB', scope: 'all' })).toEqual({ rows: 0 });
    expect(fake.files()).toEqual([]);
    expect(fake.messages('U0DAVE')[0]?.text).toBe(
      'There is nothing to export: there are no debt items you can see yet.',
    );
    expect(await run({ teamId, userId: 'U0DAVE', channelId: 'C0EMPTY', scope: 'channel' })).toEqual({
      rows: 0,
    });
    expect(fake.messages('U0DAVE')[1]?.text).toMatch(/nothing to export from <#C0EMPTY>/);
  });

  it('throws when the upload fails, and removes the temporary file all the same', async () => {
    const teamId = newTeam();
    await seed(teamId, [{ id: 1, channelId: 'C0ML', title: 'One', reporterId: 'U0ALICE' }]);
    fake.failNext('files.completeUploadExternal', { error: 'internal_error' });
    await expect(
      run({ teamId, userId: 'U0ALICE', channelId: 'C0ML', scope: 'channel' }),
    ).rejects.toMatchObject({
      data: { error: 'internal_error' },
    });
    expect(readdirSync(tmpRoot)).toEqual([]);
    expect(fake.messages('U0ALICE')).toEqual([]);
  });
});
