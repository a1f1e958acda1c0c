// Issue 12, part 3: does answering `/debt list` in the ack body beat acking first and answering through the
// response_url, end to end? Two builds of the app from the same sources (ack-body-build.ts) and the bare Bolt app
// take the same signed load in rotating rounds, medians of rounds; ratios are within this one run. Then what one
// list costs in-process and how many Redis round trips it takes (list-cost.ts). Needs Redis.
// Env: BENCH_ROUNDS (3), BENCH_FLOOR_SECONDS (5), BENCH_FLOOR_LOADS (50,100,200,sat), BENCH_LIST_COST_ITERATIONS.
import { execFileSync } from 'node:child_process';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { createTestRedis, deleteByPrefix, TEST_REDIS_URL, testPrefix } from '../test/support/redis.ts';
import { buildVariant, type Variant } from './ack-body-build.ts';
import { combine, latency, settle } from './floor.ts';
import {
  benchAppEnv,
  ROOT,
  requestMaker,
  SIGNING_SECRET,
  seed,
  startTarget,
  type Target,
} from './floor-setup.ts';
import { listCost } from './list-cost.ts';
import { type Load, type LoadResult, loadName, now, runLoad } from './load.ts';
import { childPid, cpuMs } from './process-cpu.ts';
import { writeResult } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_MS = Number(process.env.BENCH_FLOOR_SECONDS ?? 5) * 1000;
const LOADS: Load[] = (process.env.BENCH_FLOOR_LOADS ?? '50,100,200,sat')
  .split(',')
  .map((l) => (l === 'sat' ? { inFlight: 20 } : { rate: Number(l) }));
const SEEDED = 20;
const ACK_LIMIT_MS = 3000;

type Name = Variant | 'floor';
type Figures = Record<string, number>;
const r1 = (n: number) => Math.round(n * 10) / 10;
const ratio = (a: number | undefined, b: number | undefined) =>
  Math.round(((a ?? Number.NaN) / (b ?? Number.NaN)) * 100) / 100;

/**
 * One round's figures. Ack: from the request leaving the client to the ack's last byte. End to end: to what the
 * user sees — the ack itself when its body is the answer, else the reply reaching the fake's response_url.
 * Answers per second: answers seen within the round's window (a reply still queued behind the load is not).
 */
function roundFigures(load: LoadResult, replies: Map<string, number> | null, cpu: number): Figures {
  const end = load.startedAt + load.wallMs;
  const acks = load.samples.map((s) => s.ackMs);
  const out: Figures = {
    ...latency(acks, [50, 95, 99]),
    // The target's own CPU per request, its follow-up work (the response_url POST) included.
    cpuMsPerRequest: Math.round((cpu / load.samples.length) * 100) / 100,
    throughput: r1(
      (load.samples.filter((s) => s.ok && s.sentAt + s.ackMs <= end).length * 1000) / load.wallMs,
    ),
    sent: load.samples.length,
    errors: load.samples.filter((s) => !s.ok).length,
    acksOver3s: acks.filter((ms) => ms > ACK_LIMIT_MS).length,
  };
  if (!replies) return out;
  const seen = load.samples.flatMap((s) => {
    const at = s.ackAnswered ? s.sentAt + s.ackMs : replies.get(s.tag.responseUrl ?? '');
    return at === undefined ? [] : [{ ms: at - s.sentAt, at }];
  });
  const e2e = latency(
    seen.map((s) => s.ms),
    [50, 99],
  );
  return {
    ...out,
    e2eP50: e2e.p50 ?? Number.NaN,
    e2eP99: e2e.p99 ?? Number.NaN,
    answersPerSecond: r1((seen.filter((s) => s.at <= end).length * 1000) / load.wallMs),
    answeredInAck: load.samples.filter((s) => s.ackAnswered).length,
    e2eMissing: load.samples.length - seen.length,
  };
}

function gitState() {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--', 'src', 'blocks', 'jobs') !== '',
  };
}

async function answerPaths() {
  const scripts = {
    'ack-body': await buildVariant('ack-body'),
    'response-url': await buildVariant('response-url'),
  };
  const fake = await FakeSlack.start({ now });
  const redis = createTestRedis();
  const prefix = testPrefix('bench-ack-body');
  const env = benchAppEnv(fake.url, { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix });
  const targets: { name: Name; target: Target; pid: number | null }[] = [];
  const results: Record<string, Record<Name | 'ratios', Figures>> = {};
  try {
    // Both builds on one prefix: they list the same seeded items.
    for (const name of ['ack-body', 'response-url'] as const) {
      const target = await startTarget('app', scripts[name], env);
      targets.push({ name, target, pid: childPid(scripts[name]) });
    }
    const floor = await startTarget('floor', 'bench/bare-bolt.js', env);
    targets.push({ name: 'floor', target: floor, pid: childPid('bench/bare-bolt.js') });
    const first = targets[0]?.target;
    if (!first) throw new Error('no app started');
    const { ids, template } = await seed(fake, first, SEEDED);
    await settle(fake, 1000);
    const list = requestMaker(fake, ids, template).list;

    const round = async ({ name, target, pid }: (typeof targets)[number], load: Load, durationMs: number) => {
      const mark = fake.calls.length;
      const cpu = cpuMs(pid);
      const result = await runLoad(target.events, SIGNING_SECRET, load, durationMs, list);
      if (name === 'floor') return roundFigures(result, null, cpuMs(pid) - cpu);
      // Replies still queued behind the load arrive before the next round starts.
      await settle(fake, 1000);
      const replies = new Map<string, number>();
      for (const c of fake.calls.slice(mark))
        if (c.method === 'response_url' && !replies.has(String(c.args.url)))
          replies.set(String(c.args.url), c.at);
      return roundFigures(result, replies, cpuMs(pid) - cpu);
    };

    for (const t of targets) await round(t, { rate: 50 }, 1000);
    for (const load of LOADS) {
      const rounds: Record<Name, Figures[]> = { 'ack-body': [], 'response-url': [], floor: [] };
      // Rotating order (A B F, B F A, F A B…): no target always runs first, or right after the same other one.
      for (let i = 0; i < ROUNDS; i++)
        for (let j = 0; j < targets.length; j++) {
          const t = targets[(i + j) % targets.length];
          if (t) rounds[t.name].push(await round(t, load, DURATION_MS));
        }
      const ack = combine(rounds['ack-body']);
      const respond = combine(rounds['response-url']);
      const floor = combine(rounds.floor);
      const ratios: Figures = {
        e2eP50AckBodyOverResponseUrl: ratio(ack.e2eP50, respond.e2eP50),
        e2eP99AckBodyOverResponseUrl: ratio(ack.e2eP99, respond.e2eP99),
        ackBodyE2eP99OverFloorAckP99: ratio(ack.e2eP99, floor.p99),
        responseUrlE2eP99OverFloorAckP99: ratio(respond.e2eP99, floor.p99),
        ackBodyAckP99OverFloor: ratio(ack.p99, floor.p99),
        responseUrlAckP99OverFloor: ratio(respond.p99, floor.p99),
        ackBodyThroughputOverFloor: ratio(ack.throughput, floor.throughput),
        responseUrlThroughputOverFloor: ratio(respond.throughput, floor.throughput),
        answersPerSecondAckBodyOverResponseUrl: ratio(ack.answersPerSecond, respond.answersPerSecond),
        cpuPerRequestAckBodyOverResponseUrl: ratio(ack.cpuMsPerRequest, respond.cpuMsPerRequest),
      };
      results[loadName(load)] = { 'ack-body': ack, 'response-url': respond, floor, ratios };
      process.stderr.write(`ack-body: ${loadName(load)} ${JSON.stringify(ratios)}\n`);
    }
  } finally {
    for (const { target } of targets) await target.stop();
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
    await fake.close();
  }
  return { results, slackRulesBroken: fake.violations.length, firstRulesBroken: fake.violations.slice(0, 5) };
}

export async function benchAckBody(): Promise<string> {
  const paths = await answerPaths();
  const cost = await listCost();
  return writeResult('ack-body', {
    ...gitState(),
    method: `/debt list over ${SEEDED} items: two builds of the app from the working tree (esbuild from src/main.ts; "ack-body" as is, "response-url" with ANSWER_IN_ACK_WITHIN_MS = 0) and bare Bolt, ${ROUNDS} rotating rounds of ${DURATION_MS / 1000} s per load after a 1 s warm-up; open loop at fixed rates, closed loop with 20 in flight; medians of rounds (errors, acks over 3 s and missing answers summed). End to end: request sent → ack received when its body is the answer, else → the reply reaching the fake's response_url. CPU per request: the target process's user + system time over the round and its settling (/proc), over requests sent. The fake Slack (which checks every response_url POST) and the load generator share the two cores with the targets. Everything on this machine (loopback: no network between Slack and the app, so the response_url's round trip costs CPU, not distance). List cost: in-process medians over BENCH_LIST_COST_ITERATIONS runs, Redis ${TEST_REDIS_URL}`,
    answerPaths: paths,
    listCost: cost,
  });
}
