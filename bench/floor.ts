// The app beside its floor, in one run: the compiled app (`node dist/bundle/main.js`) and a bare Bolt 5.1 app that
// only acks (bench/bare-bolt.js) take the same signed load in alternating rounds (app, floor, app, floor…), and
// the medians of rounds are compared. Per request kind and load: ack latency and throughput for both, and for the
// app the end-to-end latency to what the user sees reaching the fake Slack. Needs `npm run build` and Redis.
// Env: BENCH_ROUNDS (3), BENCH_FLOOR_SECONDS (5), BENCH_FLOOR_KINDS (list,modal,vote,submit), BENCH_FLOOR_LOADS;
// BENCH_PROFILE_DIR: the app writes a V8 CPU profile there (findings: bench/results/floor-profile.md).
import type { FakeCall } from '../src/sandbox/fake-slack.ts';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { createTestRedis, deleteByPrefix, TEST_REDIS_URL, testPrefix } from '../test/support/redis.ts';
import {
  benchAppEnv,
  KINDS,
  type Kind,
  provenance,
  requestMaker,
  SIGNING_SECRET,
  seed,
  startTarget,
  type Target,
} from './floor-setup.ts';
import { type Load, type LoadResult, loadName, now, runLoad } from './load.ts';
import { percentile, writeResult } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_MS = Number(process.env.BENCH_FLOOR_SECONDS ?? 5) * 1000;
const SEEDED = 20;
const ACK_LIMIT_MS = 3000;
const kinds = (process.env.BENCH_FLOOR_KINDS?.split(',') ?? KINDS) as Kind[];
const LOADS: Load[] = (process.env.BENCH_FLOOR_LOADS ?? '50,100,200,sat').split(',').map(
  // Saturation: closed loop with 20 in flight, as in MEASURED.md.
  (l) => (l === 'sat' ? { inFlight: 20 } : { rate: Number(l) }),
);
/** What the user sees, per kind: the name of each end-to-end measure. */
const E2E: Record<Kind, string[]> = {
  list: ['reply'],
  modal: ['viewsOpen'],
  vote: ['receipt', 'panel'],
  submit: [],
};

export type Figures = Record<string, number>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const r1 = (n: number) => Math.round(n * 10) / 10;
const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

export function latency(ms: number[], p: number[]): Figures {
  const sorted = [...ms].sort((a, b) => a - b);
  return Object.fromEntries(p.map((x) => [`p${x}`, r1(percentile(sorted, x))]));
}

/** Waits until the fake has seen no call for `quietMs`: the app's follow-up work from one round is over. */
export async function settle(fake: FakeSlack, quietMs: number, capMs = 60_000): Promise<void> {
  const deadline = Date.now() + capMs;
  let seen = -1;
  while (fake.calls.length !== seen && Date.now() < deadline) {
    seen = fake.calls.length;
    await sleep(quietMs);
  }
}

/**
 * End to end: from the request leaving the client to the fake Slack receiving what the user sees (or to the ack
 * arriving, when its body is the answer). A vote's panel
 * counts from the first refresh of that item's panel that arrives after the vote's receipt (the vote is counted
 * before the receipt is sent). The app refreshes one message at most every 2 s and all messages within the
 * workspace's chat.update budget (~50/min), so the panel measures those limits more than the app's speed;
 * refreshes still pending when the round's wait ends count as missing.
 */
function endToEnd(kind: Kind, load: LoadResult, calls: FakeCall[]): Figures {
  const replies = new Map<string, number>();
  const opened = new Map<string, number>();
  const panels = new Map<number, number[]>();
  for (const c of calls) {
    if (c.method === 'response_url' && !replies.has(String(c.args.url)))
      replies.set(String(c.args.url), c.at);
    if (c.method === 'views.open') opened.set(String(c.args.trigger_id), c.at);
    const panel = c.method === 'chat.update' && /^Vote on DEBT-(\d+):/.exec(String(c.args.text));
    if (panel) panels.set(Number(panel[1]), [...(panels.get(Number(panel[1])) ?? []), c.at]);
  }
  const out: Figures = {};
  for (const measure of E2E[kind]) {
    const ms: number[] = [];
    for (const s of load.samples) {
      // A command answered in its ack body: the user sees the answer when the ack arrives (decision 0026).
      const reply = s.ackAnswered ? s.sentAt + s.ackMs : replies.get(s.tag.responseUrl ?? '');
      const at =
        measure === 'viewsOpen'
          ? opened.get(s.tag.triggerId ?? '')
          : measure === 'panel'
            ? panels.get(s.tag.itemId ?? 0)?.find((t) => reply !== undefined && t > reply)
            : reply;
      if (at !== undefined) ms.push(at - s.sentAt);
    }
    const figures = latency(ms, [50, 99]);
    out[`${measure}P50`] = figures.p50 ?? NaN;
    out[`${measure}P99`] = figures.p99 ?? NaN;
    out[`${measure}Missing`] = load.samples.length - ms.length;
  }
  return out;
}

export function roundFigures(load: LoadResult): Figures {
  const end = load.startedAt + load.wallMs;
  const answered = load.samples.filter((s) => s.ok && s.sentAt + s.ackMs <= end).length;
  const acks = load.samples.map((s) => s.ackMs);
  return {
    ...latency(acks, [50, 95, 99]),
    throughput: r1((answered * 1000) / load.wallMs),
    sent: load.samples.length,
    errors: load.samples.filter((s) => !s.ok).length,
    acksOver3s: acks.filter((ms) => ms > ACK_LIMIT_MS).length,
  };
}

/** Median of each figure over rounds (counts of errors and slow acks are summed: one is one too many). */
export function combine(rounds: Figures[]): Figures {
  const keys = Object.keys(rounds[0] ?? {});
  return Object.fromEntries(
    keys.map((k) => {
      const xs = rounds.map((r) => r[k] ?? NaN);
      const summed = k === 'errors' || k === 'acksOver3s' || k.endsWith('Missing');
      return [k, summed ? xs.reduce((a, b) => a + b, 0) : r1(median(xs))];
    }),
  );
}

const ratio = (a: number | undefined, b: number | undefined) =>
  Math.round(((a ?? NaN) / (b ?? NaN)) * 100) / 100;

export async function benchFloor(): Promise<string> {
  const origin = provenance();
  if (origin.distOlderThanSources)
    process.stderr.write('floor: dist/ is older than the sources; `npm run build` to measure them\n');
  // The fake stamps calls with the load's clock, so end-to-end times are differences on one clock.
  const fake = await FakeSlack.start({ now });
  const redis = createTestRedis();
  const prefix = testPrefix('bench-floor');
  const env = benchAppEnv(fake.url, { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
  const targets: Target[] = [];
  const results: Record<string, Record<string, unknown>> = {};
  try {
    const app = await startTarget('app', 'dist/bundle/main.js', env);
    targets.push(app);
    const floor = await startTarget('floor', 'bench/bare-bolt.js', env);
    targets.push(floor);
    const { ids, template } = await seed(fake, app, SEEDED);
    await settle(fake, 1000);
    const make = requestMaker(fake, ids, template);

    const round = async (target: Target, kind: Kind, load: Load, durationMs: number) => {
      const mark = fake.calls.length;
      const result = await runLoad(target.events, SIGNING_SECRET, load, durationMs, make[kind]);
      if (target === floor) return roundFigures(result);
      // The app's work after the acks (replies, jobs, refreshes) ends before the next round starts.
      // Votes: card and panel refreshes drain at the workspace's chat.update budget (~50/min, SPEC §2.3), which
      // would take minutes after a burst; they cost the app almost nothing meanwhile, so wait at most 15 s.
      await settle(fake, kind === 'vote' ? 2500 : 1000, kind === 'vote' ? 15_000 : 60_000);
      return { ...roundFigures(result), ...endToEnd(kind, result, fake.calls.slice(mark)) };
    };

    for (const kind of kinds) {
      results[kind] = {};
      // One short unrecorded round on each: JIT, connections, caches.
      for (const target of targets) await round(target, kind, { rate: 50 }, 1000);
      for (const load of LOADS) {
        const rounds: Record<Target['name'], Figures[]> = { app: [], floor: [] };
        // A B B A…: neither target always runs first, right after the other's follow-up work.
        for (let i = 0; i < ROUNDS; i++)
          for (const target of i % 2 === 0 ? targets : [...targets].reverse())
            rounds[target.name].push(await round(target, kind, load, DURATION_MS));
        const a = combine(rounds.app);
        const f = combine(rounds.floor);
        const ratios: Figures = {
          throughput: ratio(a.throughput, f.throughput),
          ackP99: ratio(a.p99, f.p99),
        };
        for (const m of E2E[kind]) ratios[`${m}P99OverFloorAckP99`] = ratio(a[`${m}P99`], f.p99);
        results[kind][loadName(load)] = { app: a, floor: f, ratios };
        process.stderr.write(`floor: ${kind} ${loadName(load)} ${JSON.stringify(ratios)}\n`);
      }
    }
  } finally {
    for (const t of targets) await t.stop();
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
    await fake.close();
  }
  printTable(results);
  return writeResult('floor', {
    ...origin,
    method: `${ROUNDS} alternating rounds (app, floor, floor, app…) of ${DURATION_MS / 1000} s per kind and load after a 1 s warm-up; open loop at fixed rates, closed loop with 20 in flight; medians of rounds (errors and acks over 3 s summed); ${SEEDED} items in the listed channel; both targets, the fake Slack and the load generator on this machine, Redis ${TEST_REDIS_URL}`,
    slackRulesBroken: fake.violations.length,
    firstRulesBroken: fake.violations.slice(0, 5),
    results,
  });
}

function printTable(results: Record<string, Record<string, unknown>>): void {
  const rows = ['kind    load            tput ×   ack p99 ×   e2e p99 ÷ floor ack p99'];
  for (const [kind, byLoad] of Object.entries(results))
    for (const [load, r] of Object.entries(byLoad)) {
      const { throughput, ackP99, ...e2e } = (r as { ratios: Figures }).ratios;
      const e2eText = Object.entries(e2e)
        .map(([k, v]) => `${k.replace('P99OverFloorAckP99', '')} ${v}`)
        .join(', ');
      rows.push(
        `${kind.padEnd(8)}${load.padEnd(16)}${String(throughput).padEnd(9)}${String(ackP99).padEnd(12)}${e2eText}`,
      );
    }
  process.stderr.write(`${rows.join('\n')}\n`);
}
