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

function startProcess(kind: 'web' | 'worker', env: Record<string, string>): Promise<AppProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/${kind}.ts`], {
    cwd: ROOT,
    // Any free ports: several processes run side by side (a worker serves its probes on METRICS_PORT).
    env: { ...process.env, ...env, PORT: '0', METRICS_PORT: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const proc: AppProcess = { kind, child, events: '', log: [] };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${kind} did not start:\n${proc.log.join('\n')}`)),
      30_000,
    );
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

export async function startCluster(
  fake: FakeSlack,
  options: { prefix: string; signingSecret: string; webs: number; workers: number },
): Promise<Cluster> {
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_API_URL: fake.url,
    REDIS_PREFIX: options.prefix,
    LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? 'info',
  };
  const webs = await Promise.all(Array.from({ length: options.webs }, () => startProcess('web', env)));
  const workers = await Promise.all(
    Array.from({ length: options.workers }, () => startProcess('worker', env)),
  );
  return {
    webs,
    workers,
    async stop(signal = 'SIGTERM') {
      await Promise.all(
        [...webs, ...workers].map(
          (p) =>
            new Promise<void>((resolve) => {
              if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();

              p.child.removeAllListeners('exit');
              p.child.once('exit', () => resolve());
              p.child.kill(signal);
            }),
        ),
      );
    },
  };
}
