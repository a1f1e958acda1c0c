// Cold start and idle memory of the compiled app beside bare baselines, in alternating rounds of one run:
// - web: `npm start` (node dist/bundle/main.js: listener and workers), and for reference tsc's unbundled output
//   (node dist/src/main.js) and `npm run dev` (tsx), against a bare Bolt app (bench/bare-bolt.js): time from
//   spawn to the first /readyz 200;
// - worker: `npm run start:worker` (node dist/bundle/worker.js) and tsc's output (dist/src/worker.js) against a
//   bare BullMQ Worker (bench/bare-worker.js): time from spawn to its 'workers started' log line.
// Then idle RSS (VmRSS) 3 s after ready, and the exit status after SIGTERM. Needs `npm run build` and Redis.
// Results: bench/results/cold-start.node<major>.json, one file per Node major so that lines can be compared.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { arch, cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { freePort } from '../test/support/ports.ts';
import { createTestRedis, deleteByPrefix } from '../test/support/redis.ts';
import { summarize, writeResult } from './stats.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const IDLE_MS = 3000;
const READY_TIMEOUT_MS = 30_000;
const GOAL_RATIO = 1.5;
const GOAL_RSS_MB = 120;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const at = (path: string) => join(ROOT, path);

type Group = 'web' | 'worker';
interface Target {
  key: string;
  group: Group;
  /** What an operator types, for the result file. */
  command: string;
  args: string[];
  /** 'http': polls /readyz on PORT; 'log': waits for this line on stderr or stdout. */
  ready: 'http' | RegExp;
  logLevel: string;
}

const TARGETS: Target[] = [
  {
    key: 'npmStart',
    group: 'web',
    command: 'npm start (node dist/bundle/main.js)',
    args: [at('dist/bundle/main.js')],
    ready: 'http',
    logLevel: 'error',
  },
  {
    key: 'tscOutput',
    group: 'web',
    command: "node dist/src/main.js (tsc's output, unbundled)",
    args: [at('dist/src/main.js')],
    ready: 'http',
    logLevel: 'error',
  },
  {
    key: 'bareBolt',
    group: 'web',
    command: 'node bench/bare-bolt.js',
    args: [at('bench/bare-bolt.js')],
    ready: 'http',
    logLevel: 'error',
  },
  {
    key: 'npmRunDev',
    group: 'web',
    command: 'npm run dev (node --import tsx src/main.ts)',
    // Resolved here: the child runs in an empty directory, where a bare 'tsx' would not be found.
    args: ['--import', import.meta.resolve('tsx'), at('src/main.ts')],
    ready: 'http',
    logLevel: 'error',
  },
  {
    key: 'startWorker',
    group: 'worker',
    command: 'npm run start:worker (node dist/bundle/worker.js)',
    args: [at('dist/bundle/worker.js')],
    ready: /workers started/,
    logLevel: 'info',
  },
  {
    key: 'tscOutput',
    group: 'worker',
    command: "node dist/src/worker.js (tsc's output, unbundled)",
    args: [at('dist/src/worker.js')],
    ready: /workers started/,
    logLevel: 'info',
  },
  {
    key: 'bareWorker',
    group: 'worker',
    command: 'node bench/bare-worker.js',
    args: [at('bench/bare-worker.js')],
    ready: /workers started/,
    logLevel: 'info',
  },
];

interface Sample {
  readyMs: number;
  idleRssMB: number | null;
  exit: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** VmRSS of a live process in MB (Linux); null elsewhere. */
function rssMB(pid: number): number | null {
  try {
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

function exited(child: ChildProcess): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.signalCode ?? String(child.exitCode));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
}

async function once(target: Target, env: Record<string, string>, cwd: string): Promise<Sample> {
  const port = await freePort();
  // Where a worker serves its health and metrics (ignored by versions without it); never a fixed port.
  const metricsPort = await freePort();
  const output: string[] = [];
  const started = performance.now();
  const child = spawn(process.execPath, target.args, {
    cwd,
    env: { ...env, PORT: String(port), METRICS_PORT: String(metricsPort), LOG_LEVEL: target.logLevel },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let readyAt = 0;
  const ready = target.ready;
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output.push(text);
    if (ready !== 'http' && readyAt === 0 && ready.test(output.join(''))) readyAt = performance.now();
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exit = exited(child);
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (readyAt === 0) {
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`${target.command} did not get ready:\n${output.join('').slice(-2000)}`);
      if (ready === 'http') {
        const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
          .then((r) => r.status === 200)
          .catch(() => false);
        if (ok) readyAt = performance.now();
        else await sleep(10);
      } else {
        await sleep(5);
      }
    }
    await sleep(IDLE_MS);
    const idleRssMB = child.pid === undefined ? null : rssMB(child.pid);
    child.kill('SIGTERM');
    const status = await Promise.race([exit, sleep(30_000).then(() => 'timeout')]);
    return { readyMs: readyAt - started, idleRssMB, exit: status };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exit;
  }
}

function gitCommit(): { commit: string; dirty: boolean } {
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const status = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' });
    return { commit, dirty: status.trim() !== '' };
  } catch {
    return { commit: 'unknown', dirty: true };
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function benchColdStart(): Promise<string> {
  if (!existsSync(at('dist/bundle/main.js')) || !existsSync(at('dist/src/main.js')))
    throw new Error('cold-start needs the build: npm run build');
  const fake = await FakeSlack.start();
  const redis = createTestRedis();
  const prefix = `bench:cold:${Date.now().toString(36)}`;
  // An empty working directory: a developer's .env must not change what is measured.
  const cwd = mkdtempSync(join(tmpdir(), 'debt-cold-start-'));
  const samples = new Map<Target, Sample[]>(TARGETS.map((t) => [t, []]));
  let spawned = 0;
  const env = (): Record<string, string> => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? cwd,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench-secret',
    SLACK_API_URL: fake.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: `${prefix}:${spawned++}`,
  });
  try {
    // One unrecorded warm-up of each (file cache, Redis connections), then rounds in rotating order.
    for (const target of TARGETS) await once(target, env(), cwd);
    for (let round = 0; round < ROUNDS; round++) {
      const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length] as Target);
      for (const target of order) samples.get(target)?.push(await once(target, env(), cwd));
      process.stderr.write(`cold-start: round ${round + 1}/${ROUNDS}\n`);
    }
  } finally {
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
  }

  const report = (group: Group) =>
    Object.fromEntries(
      TARGETS.filter((t) => t.group === group).map((t) => {
        const s = samples.get(t) ?? [];
        const rss = s.flatMap((x) => (x.idleRssMB === null ? [] : [x.idleRssMB]));
        return [
          t.key,
          {
            command: t.command,
            readyMs: summarize(s.map((x) => x.readyMs)),
            idleRssMB: summarize(rss),
            exitAfterSigterm: [...new Set(s.map((x) => x.exit))],
          },
        ];
      }),
    );
  const web = report('web');
  const worker = report('worker');
  type Report = Record<
    string,
    { readyMs: { p50: number; p95: number }; idleRssMB: { p50: number; max: number } }
  >;
  const ratio = (r: Report, key: string, base: string, at: 'p50' | 'p95') =>
    Math.round(((r[key]?.readyMs[at] ?? NaN) / (r[base]?.readyMs[at] ?? NaN)) * 100) / 100;
  const coldStart = (r: Report, key: string, base: string) => {
    const p50 = ratio(r, key, base, 'p50');
    return {
      ratioP50: p50,
      ratioP95: ratio(r, key, base, 'p95'),
      limit: GOAL_RATIO,
      met: p50 <= GOAL_RATIO,
    };
  };
  const idleRss = (r: Report, key: string) => {
    const { p50, max } = r[key]?.idleRssMB ?? { p50: NaN, max: NaN };
    return { p50, max, limit: GOAL_RSS_MB, met: max < GOAL_RSS_MB };
  };
  const goals = {
    npmStartVsBareBolt: coldStart(web, 'npmStart', 'bareBolt'),
    startWorkerVsBareWorker: coldStart(worker, 'startWorker', 'bareWorker'),
    npmStartIdleRssMB: idleRss(web, 'npmStart'),
    startWorkerIdleRssMB: idleRss(worker, 'startWorker'),
  };

  const rows = [
    ...Object.entries(web).map(([key, r]) => [`web/${key}`, r] as const),
    ...Object.entries(worker).map(([key, r]) => [`worker/${key}`, r] as const),
  ].map(([key, r]) =>
    [
      key.padEnd(18),
      `ready p50 ${r.readyMs.p50} ms p95 ${r.readyMs.p95} ms`.padEnd(36),
      `idle RSS p50 ${r.idleRssMB.p50} MB max ${r.idleRssMB.max} MB`.padEnd(34),
      r.command,
    ].join('  '),
  );
  process.stderr.write(`${rows.join('\n')}\n${JSON.stringify(goals)}\n`);

  const cpu = cpus();
  return writeResult(`cold-start.node${process.versions.node.split('.')[0]}`, {
    machine: {
      node: process.version,
      platform: process.platform,
      arch: arch(),
      kernel: release(),
      cpus: cpu.length,
      cpuModel: cpu[0]?.model ?? 'unknown',
      memoryGB: round1(totalmem() / 2 ** 30),
    },
    ...gitCommit(),
    method: `${ROUNDS} alternating rounds after one warm-up; ready = spawn to /readyz 200 (web) or to the 'workers started' log line (worker); idle RSS = VmRSS ${IDLE_MS} ms after ready; each process started directly with node (no npm wrapper), Redis on ${process.env.REDIS_URL ?? '127.0.0.1:6379'}, fake Slack on loopback`,
    web,
    worker,
    goals,
  });
}
