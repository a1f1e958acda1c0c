// `npm run sandbox` as a newcomer runs it, in a child process: on the tests' Redis with a key prefix of its own
// (deleted afterwards), on a free port, its address read from what it prints.
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestRedis, deleteByPrefix, TEST_REDIS_URL, testPrefix } from '../support/redis.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Seeding the demo backlog and bundling the page take a few seconds on a 2-core machine. */
const START_TIMEOUT_MS = 60_000;

export interface SandboxProcess {
  url: string;
  output: string[];
  stop(): Promise<void>;
}

export async function startSandboxProcess(env: Record<string, string> = {}): Promise<SandboxProcess> {
  const prefix = testPrefix('sandbox');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', REDIS_URL: TEST_REDIS_URL, SANDBOX_PREFIX: prefix, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    if (stream) createInterface({ input: stream }).on('line', (line) => output.push(line));
  };
  collect(child.stdout);
  collect(child.stderr);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the sandbox did not start:\n${output.join('\n')}`)),
      START_TIMEOUT_MS,
    );
    const poll = setInterval(() => {
      const line = output.find((l) => l.startsWith('Debt Triage sandbox: http'));
      if (line) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(line.slice('Debt Triage sandbox: '.length).trim());
      }
    }, 50);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`the sandbox exited with ${code}:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      const redis = createTestRedis();
      await deleteByPrefix(redis, `${prefix}:`).finally(() => redis.disconnect());
    },
  };
}
