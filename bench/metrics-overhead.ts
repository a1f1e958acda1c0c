// What metrics and request-id logging cost a request (SPEC §3.1, decision 0018): ack latency of a signed
// `/debt list` through the real HTTP receiver, in a closed loop, with instrumentation off, on (LOG_LEVEL=info)
// and on with every request's debug lines written (LOG_LEVEL=debug), side by side in one run.
//
// Each variant's app runs in a process of its own (this file with `--serve`), so nothing one variant switches on
// process-wide (AsyncLocalStorage's async hooks on Node 20, prom-client's default collectors) reaches another.
// The load generator and the fake Slack live in this process and are the same for all three; the variants run
// in interleaved rounds, so that drift (JIT, Redis, the machine) falls on all alike.
import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LogLevel } from '../src/config.ts';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { postToApp, slashCommandBody } from '../src/sandbox/sign.ts';
import { SIGNING_SECRET, TEAM } from '../test/support/driver.ts';
import { createTestRedis, deleteByPrefix, testPrefix } from '../test/support/redis.ts';
import { writeResult } from './stats.ts';

const IN_FLIGHT = 20;
const ROUNDS = 10;
/** Per variant and round: 10 rounds make 2000 timed requests per variant. */
const REQUESTS_PER_ROUND = 200;
const WARMUP = 300;
const ITEMS = 20;
const SCRAPES = 50;

interface Variant {
  name: string;
  observability: boolean;
  logLevel: LogLevel;
}

const VARIANTS: Variant[] = [
  { name: 'off', observability: false, logLevel: 'info' },
  { name: 'on', observability: true, logLevel: 'info' },
  { name: 'on, debug lines written', observability: true, logLevel: 'debug' },
];

type ToServer = { cpu: true } | { stop: true };
type FromServer = { port: number } | { cpuMicros: number };

/** Child side: one variant's app (`--serve <variant> <fake url> <prefix>`), logging to /dev/null. */
async function serve(variant: Variant, fakeUrl: string, prefix: string): Promise<void> {
  const [{ loadConfig }, { createDeps }, { createLogger }, { startWeb }] = await Promise.all([
    import('../src/config.ts'),
    import('../src/deps.ts'),
    import('../src/lib/logger.ts'),
    import('../src/start-web.ts'),
  ]);
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fakeUrl,
    REDIS_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: variant.logLevel,
  });
  // Lines are serialized and written as in production, to /dev/null rather than a terminal.
  const devNull = openSync('/dev/null', 'w');
  const logger = createLogger(variant.logLevel, {}, (line) => writeSync(devNull, `${line}\n`));
  const deps = createDeps(config, { logger, observability: variant.observability });
  await deps.ready();
  for (let i = 0; i < ITEMS; i++)
    await deps.items.file({
      teamId: TEAM,
      channelId: 'C0BENCH',
      reporterId: 'U0BENCH',
      draft: {
        title: `Bench item ${i}`,
        description: '',
        category: 'pipeline',
        component: '',
        links: [],
        ownerId: null,
      },
      submissionKey: `bench-${i}`,
      estimates: { severity: 3, frequency: ((i % 5) + 1) as 1 | 2 | 3 | 4 | 5 },
    });
  const web = await startWeb(deps);
  const send = (message: FromServer) => process.send?.(message);
  process.on('message', (message: ToServer) => {
    if ('cpu' in message) {
      const used = process.cpuUsage();
      send({ cpuMicros: used.user + used.system });
    } else {
      void web
        .stop()
        .then(() => deps.close())
        .then(() => {
          closeSync(devNull);
          process.exit(0);
        });
    }
  });
  send({ port: web.port ?? 0 });
}

interface Server {
  variant: Variant;
  child: ChildProcess;
  events: string;
  origin: string;
  prefix: string;
  ackMs: number[];
  /** p99 of each round: how much the p99 itself moves from round to round. */
  roundP99: number[];
  /** CPU time of the app's process while its rounds ran, in µs. */
  cpuMicros: number;
}

function next<T extends FromServer>(child: ChildProcess, key: keyof T): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench server exited with ${code}`));
    const onMessage = (message: FromServer) => {
      if (!(key in message)) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

async function start(fake: FakeSlack, variant: Variant): Promise<Server> {
  const prefix = testPrefix('bench-overhead');
  const child = fork(fileURLToPath(import.meta.url), ['--serve', variant.name, fake.url, prefix], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const { port } = await next<{ port: number }>(child, 'port');
  const origin = `http://127.0.0.1:${port}`;
  return {
    variant,
    child,
    prefix,
    origin,
    events: `${origin}/slack/events`,
    ackMs: [],
    roundP99: [],
    cpuMicros: 0,
  };
}

async function cpuMicros(server: Server): Promise<number> {
  const answer = next<{ cpuMicros: number }>(server.child, 'cpuMicros');
  server.child.send({ cpu: true } satisfies ToServer);
  return (await answer).cpuMicros;
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function stats(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    n: sorted.length,
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** A closed loop: IN_FLIGHT clients, each sending its next request when the last one was acknowledged. */
async function closedLoop(fake: FakeSlack, server: Server, requests: number, record: boolean): Promise<void> {
  let sent = 0;
  const client = async () => {
    while (sent < requests) {
      sent++;
      const body = slashCommandBody({
        team_id: TEAM,
        channel_id: 'C0BENCH',
        user_id: 'U0BENCH',
        text: 'list',
        trigger_id: fake.issueTriggerId(),
        response_url: fake.issueResponseUrl(),
      });
      const t = performance.now();
      const res = await postToApp(server.events, SIGNING_SECRET, body);
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`${server.variant.name}: /debt list answered ${res.status}`);
      if (record) server.ackMs.push(ms);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, client));
}

export async function benchMetricsOverhead(): Promise<string> {
  const fake = await FakeSlack.start({ teamId: TEAM });
  const servers: Server[] = [];
  try {
    for (const variant of VARIANTS) servers.push(await start(fake, variant));
    for (const server of servers) await closedLoop(fake, server, WARMUP, false);
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order each round, so no variant always runs first or last.
      for (let i = 0; i < servers.length; i++) {
        const server = servers[(i + round) % servers.length];
        if (!server) continue;
        const from = server.ackMs.length;
        const cpuBefore = await cpuMicros(server);
        await closedLoop(fake, server, REQUESTS_PER_ROUND, true);
        server.cpuMicros += (await cpuMicros(server)) - cpuBefore;
        server.roundP99.push(stats(server.ackMs.slice(from)).p99);
      }
    }
    const on = servers.find((s) => s.variant.name === 'on');
    const scrapeMs: number[] = [];
    let scrapeBytes = 0;
    if (on) {
      for (let i = 0; i < SCRAPES; i++) {
        const t = performance.now();
        const text = await (await fetch(`${on.origin}/metrics`)).text();
        scrapeMs.push(performance.now() - t);
        scrapeBytes = text.length;
      }
    }
    const results = servers.map((s) => ({
      variant: s.variant.name,
      observability: s.variant.observability,
      logLevel: s.variant.logLevel,
      ackMs: stats(s.ackMs),
      p99OfEachRoundMs: {
        median: stats(s.roundP99).p50,
        min: Math.min(...s.roundP99),
        max: Math.max(...s.roundP99),
      },
      appCpuMsPerRequest: Math.round(s.cpuMicros / s.ackMs.length) / 1000,
    }));
    const off = results.find((r) => r.variant === 'off');
    const delta = (name: string) => {
      const r = results.find((x) => x.variant === name);
      const d = (a: number, b: number) => Math.round((a - b) * 1000) / 1000;
      return r && off
        ? {
            p50: d(r.ackMs.p50, off.ackMs.p50),
            p99: d(r.ackMs.p99, off.ackMs.p99),
            mean: d(r.ackMs.mean, off.ackMs.mean),
            appCpuMsPerRequest: d(r.appCpuMsPerRequest, off.appCpuMsPerRequest),
          }
        : null;
    };
    // One file per Node line: AsyncLocalStorage costs differ (async hooks before Node 24, AsyncContextFrame after).
    return writeResult(`metrics-overhead.node${process.versions.node.split('.')[0]}`, {
      what:
        'ack latency (ms, client side) of a signed `/debt list` (20 items) through the HTTP receiver; each ' +
        'variant in its own process, load generator and fake Slack in the bench process',
      inFlight: IN_FLIGHT,
      rounds: ROUNDS,
      requestsPerVariant: ROUNDS * REQUESTS_PER_ROUND,
      warmupPerVariant: WARMUP,
      variants: results,
      overheadVsOffMs: { on: delta('on'), 'on, debug lines written': delta('on, debug lines written') },
      scrape: {
        ms: stats(scrapeMs),
        bytes: scrapeBytes,
        note: 'GET /metrics of the web process (no queues)',
      },
      slackViolations: fake.violations.length,
    });
  } finally {
    const redis = createTestRedis();
    for (const server of servers) {
      const exited = new Promise((resolve) => server.child.once('exit', resolve));
      server.child.send({ stop: true } satisfies ToServer);
      await exited;
      await deleteByPrefix(redis, server.prefix);
    }
    redis.disconnect();
    await fake.close();
  }
}

const serving = process.argv.indexOf('--serve');
if (serving >= 0) {
  const [name, fakeUrl, prefix] = process.argv.slice(serving + 1);
  const variant = VARIANTS.find((v) => v.name === name);
  if (!variant || !fakeUrl || !prefix) throw new Error(`usage: --serve <variant> <fake url> <prefix>`);
  await serve(variant, fakeUrl, prefix);
}
