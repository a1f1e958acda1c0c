// `/debt export all` of 50,000 items (SPEC §2.10: "on a small machine"): wall time, peak memory above idle, file size.
import { WebClient } from '@slack/web-api';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { CATEGORY_VALUES } from '../src/domain/categories.ts';
import type { PainReport, Vote } from '../src/domain/scoring.ts';
import { exportItems } from '../src/features/export-items.ts';
import { createLogger } from '../src/lib/logger.ts';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { deleteByPrefix, testPrefix } from '../test/support/redis.ts';
import { type SeedItem, seedItems } from '../test/support/seed-items.ts';
import { writeResult } from './stats.ts';

const ITEMS = 50_000;
const CHANNELS = 40;
const TEAM = 'T0BENCH';
const ADMIN = 'U0ADMIN';
const SAMPLE_MS = 50;
const MB = 1024 * 1024;
/** SPEC §2.10's "small machine", as targets. */
const TARGET = { wallMs: 20_000, peakMbOverIdle: 150 };

/** A fixed pseudo-random sequence (mulberry32), so every run seeds the same workspace. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'feature store pipeline retrain drift label leakage notebook config threshold embedding eval serving rollback canary schema backfill flaky slow manual'.split(
    ' ',
  );

/** 50,000 items like a large workspace's: text of real length, votes on 40 %, pain on 5 %, a few private channels. */
function* workspace(): Generator<SeedItem> {
  const rnd = random(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const level = () => (1 + Math.floor(rnd() * 5)) as Vote['level'];
  const now = Date.now();
  for (let id = 1; id <= ITEMS; id++) {
    const channel = id % CHANNELS;
    const votes: Vote[] = [];
    if (rnd() < 0.4) {
      for (let v = 0; v < 2 + Math.floor(rnd() * 4); v++) {
        const userId = `U0VOTER${v}`;
        votes.push(
          { userId, dimension: 'severity', level: level() },
          { userId, dimension: 'frequency', level: level() },
        );
        if (rnd() < 0.5) votes.push({ userId, dimension: 'effort', level: level() });
      }
    }
    const pain: PainReport[] =
      rnd() < 0.05
        ? Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => ({
            userId: `U0PAIN${i}`,
            hours: 1 + Math.floor(rnd() * 8),
            at: new Date(now - Math.floor(rnd() * 40) * 86_400_000).toISOString(),
          }))
        : [];
    yield {
      item: {
        id,
        teamId: TEAM,
        channelId: `C0BENCH${channel}`,
        channelVisibility: channel < 4 ? 'private' : 'public',
        title: `${id % 97 === 0 ? '=' : ''}${words(4 + Math.floor(rnd() * 12))}`.slice(0, 150),
        description: rnd() < 0.6 ? words(10 + Math.floor(rnd() * 80)) : '',
        category: pick(CATEGORY_VALUES),
        component: pick(['feature-store', 'ranking-model', 'etl', '']),
        links: rnd() < 0.3 ? [`https://git.example.com/ml/issues/${id}`] : [],
        reporterId: `U0REP${id % 25}`,
        card: { ts: `${1_700_000_000 + id}.000100`, orphaned: false },
        panelTs: `${1_700_000_000 + id}.000200`,
      },
      votes,
      pain,
    };
  }
}

/** Samples RSS (and the JS heap in use) every SAMPLE_MS; `stop()` returns the highest of each seen. */
function watchMemory(): { stop(): { rss: number; heapUsed: number } } {
  const peak = { rss: 0, heapUsed: 0 };
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peak.rss = Math.max(peak.rss, rss);
    peak.heapUsed = Math.max(peak.heapUsed, heapUsed);
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/** Lets the seeding's garbage go before the idle reading (a real collection when run with --expose-gc). */
async function settle(): Promise<number> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 300));
  return process.memoryUsage().rss;
}

export async function benchExport(): Promise<string> {
  // Measuring mode: the fake counts the uploaded bytes instead of holding them in this process's memory.
  const fake = await FakeSlack.start({ teamId: TEAM, uploads: 'measure' });
  const prefix = testPrefix('bench-export');
  const deps = createDeps(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench-secret',
      SLACK_API_URL: fake.url,
      REDIS_PREFIX: prefix,
      PORT: '0',
    }),
    { logger: createLogger('warn') },
  );
  const client = new WebClient('xoxb-bench', {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  try {
    await deps.ready();
    fake.setUser(ADMIN, { is_admin: true });
    const idleBeforeSeeding = await settle();
    const seedStarted = performance.now();
    const seeded = await seedItems(deps.redis, deps.keys, workspace());
    const seedMs = performance.now() - seedStarted;
    const idleBeforeExport = await settle();

    const memory = watchMemory();
    const started = performance.now();
    const { rows } = await exportItems(
      deps,
      { teamId: TEAM, userId: ADMIN, channelId: 'C0BENCH4', scope: 'all' },
      client,
    );
    const wallMs = performance.now() - started;
    const { rss: peak, heapUsed: heapPeak } = memory.stop();

    const file = fake.files()[0];
    const peakMbOverIdle = (peak - idleBeforeExport) / MB;
    return writeResult('export', {
      items: seeded,
      rows,
      seedMs: Math.round(seedMs),
      wallMs: Math.round(wallMs),
      fileBytes: file?.received ?? null,
      fileMb: file ? Math.round((file.received / MB) * 10) / 10 : null,
      rssMb: {
        idleBeforeSeeding: Math.round(idleBeforeSeeding / MB),
        idleBeforeExport: Math.round(idleBeforeExport / MB),
        peakDuringExport: Math.round(peak / MB),
        peakOverIdleBeforeExport: Math.round(peakMbOverIdle),
        peakOverIdleBeforeSeeding: Math.round((peak - idleBeforeSeeding) / MB),
      },
      // Most of the peak is garbage V8 has not collected yet; the heap in use drops back after each collection.
      heapUsedMbPeak: Math.round(heapPeak / MB),
      sampleMs: SAMPLE_MS,
      // Without --expose-gc the seeding's garbage is still in the idle-before-export reading, which flatters the
      // peak over it: `node --expose-gc --import tsx bench/run.ts export` collects before each idle reading.
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
      target: TARGET,
      withinTarget: wallMs < TARGET.wallMs && peakMbOverIdle < TARGET.peakMbOverIdle,
      slackViolations: fake.violations.length,
    });
  } finally {
    await deleteByPrefix(deps.redis, prefix);
    await deps.close();
    await fake.close();
  }
}
