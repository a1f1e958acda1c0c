// Several real app processes (`start:web`, `start:worker`) against one Redis prefix and the fake Slack.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FakeSlack } from '../../src/sandbox/fake-slack.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface AppProcess {
  kind: 'web' | 'worker';
  child: ChildProcess;
  /** The web process's events URL; empty for workers. */
  events: string;
  log: string[];
}

export interface Cluster {
  webs: AppProcess[];
  workers: AppProcess[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Where the app processes find Redis: one Redis or a Redis Cluster's seed nodes (comma-joined `redis://` URLs). */
export type RedisEnv = { REDIS_URL: string } | { REDIS_CLUSTER_NODES: string };

/**
 * This process's environment for a child, with `redisEnv` instead of its Redis variables when given: the app
 * refuses REDIS_URL and REDIS_CLUSTER_NODES together, so an inherited one must not sit beside the other.
 */
function baseEnv(redisEnv: RedisEnv | undefined): NodeJS.ProcessEnv {
  if (!redisEnv) return process.env;
  const { REDIS_URL: _url, REDIS_CLUSTER_NODES: _nodes, ...rest } = process.env;
  return { ...rest, ...redisEnv };
}

function startProcess(kind: 'web' | 'worker', env: NodeJS.ProcessEnv): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/${kind}.ts`], {
    cwd: ROOT,
    // Any free ports: several processes run side by side (a worker serves its probes on METRICS_PORT).
    env: { ...env, PORT: '0', METRICS_PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const proc: AppProcess = { kind, child, events: '', log: [] };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // Not ready in time is not started: nothing would stop it later.
      child.kill('SIGKILL');
      reject(new Error(`${kind} did not start:\n${proc.log.join('\n')}`));
    }, 30_000);
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}:\n${proc.log.join('\n')}`)));
    if (child.stderr) {
      createInterface({ input: child.stderr }).on('line', (line) => {
        proc.log.push(line);
        let entry: { msg?: unknown; port?: unknown };
        try {
          entry = JSON.parse(line);
        } catch {
          return;
        }
        const ready =
          kind === 'web' ? entry.msg === 'listening for Slack over HTTP' : entry.msg === 'workers started';
        if (!ready) return;
        clearTimeout(timer);
        if (kind === 'web') proc.events = `http://127.0.0.1:${String(entry.port)}/slack/events`;
        resolve(proc);
      });
    }
  });
}

/** Starts `count` processes of a kind at once; each one that started is in `started`, even when another failed. */
async function startEach(
  kind: 'web' | 'worker',
  count: number,
  env: NodeJS.ProcessEnv,
  started: AppProcess[],
): Promise<void> {
  const results = await Promise.allSettled(Array.from({ length: count }, () => startProcess(kind, env)));
  for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}

function stopProcesses(processes: AppProcess[], signal: NodeJS.Signals): Promise<void> {
  return Promise.all(
    processes.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
          p.child.removeAllListeners('exit');
          p.child.once('exit', () => resolve());
          p.child.kill(signal);
        }),
    ),
  ).then(() => undefined);
}

export async function startCluster(
  fake: FakeSlack,
  options: {
    prefix: string;
    signingSecret: string;
    webs: number;
    workers: number;
    /** The Redis target; by default whatever this process's environment names (REDIS_URL, REDIS_CLUSTER_NODES). */
    redisEnv?: RedisEnv;
  },
): Promise<Cluster> {
  const env = {
    ...baseEnv(options.redisEnv),
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: fake.url,
    REDIS_PREFIX: options.prefix,
    LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'info',
  };
  const started: AppProcess[] = [];
  try {
    await startEach('web', options.webs, env, started);
    await startEach('worker', options.workers, env, started);
  } catch (error) {
    // The processes that did start would outlive the caller, who gets no Cluster to stop them with.
    await stopProcesses(started, 'SIGKILL');
    throw error;
  }
  const webs = started.filter((p) => p.kind === 'web');
  const workers = started.filter((p) => p.kind === 'worker');
  return {
    webs,
    workers,
    stop: (signal = 'SIGTERM') => stopProcesses([...webs, ...workers], signal),
  };
}
