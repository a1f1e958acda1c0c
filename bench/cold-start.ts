// Cold start of `npm start`: from spawning the process to /healthz and /readyz answering 200.
import { spawn } from 'node:child_process';
import { FakeSlack } from '../test/support/fake-slack.ts';
import { summarize, writeResult } from './stats.ts';

const RUNS = 5;
const PORT = 3917;

async function waitForOk(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url} did not answer in time`);
}

export async function benchColdStart(): Promise<string> {
  const fake = await FakeSlack.start();
  const samples: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: {
          ...process.env,
          SLACK_BOT_TOKEN: 'xoxb-bench',
          SLACK_SIGNING_SECRET: 'bench',
          SLACK_API_URL: fake.url,
          PORT: String(PORT),
          REDIS_PREFIX: `bench:cold:${i}`,
          LOG_LEVEL: 'error',
        },
        stdio: 'ignore',
      });
      await waitForOk(`http://127.0.0.1:${PORT}/readyz`, Date.now() + 30_000);
      samples.push(performance.now() - started);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  } finally {
    await fake.close();
  }
  return writeResult('cold-start', {
    command: 'node --import tsx src/main.ts (npm start)',
    ms: summarize(samples),
  });
}
