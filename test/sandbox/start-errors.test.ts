// `npm run sandbox` refusing to start (SPEC §2.11): run as a person runs it, as its own process, each failure
// has to end with exit code 1 and a message saying what to do, and leave nothing behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestRedis, deleteByPrefix, TEST_REDIS_URL, testPrefix } from '../support/redis.ts';
import { tempDir } from './server-harness.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** tsx compiles the entry point and esbuild bundles the page before anything can fail on Redis or the port. */
const CHILD_TIMEOUT_MS = 30_000;

const prefix = testPrefix('start-errors');
const dir = tempDir('start-errors');
const redis = createTestRedis();

afterAll(async () => {
  await deleteByPrefix(redis, `${prefix}:`);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the sandbox's entry point with only the variables given (plus PATH and HOME), until it exits. */
function runSandbox(env: Record<string, string>): Promise<Exit> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/sandbox/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dir,
      SANDBOX_DIR: join(dir, 'data'),
      SANDBOX_PREFIX: prefix,
      LOG_LEVEL: 'error',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    // A sandbox that started after all would run forever: stop it, and let the assertions say why.
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS - 2000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Something else on a port, listening on every address as another server would. */
function occupy(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      resolve({ port: typeof address === 'object' && address ? address.port : 0, server });
    });
  });
}

describe('the sandbox refusing to start', () => {
  it(
    'names the busy port and how to pick another, before touching Redis or the data directory',
    async () => {
      const { port, server } = await occupy();
      try {
        const exit = await runSandbox({ PORT: String(port), REDIS_URL: TEST_REDIS_URL });
        expect(exit.code).toBe(1);
        expect(exit.stderr).toContain(`Port ${port} is busy`);
        expect(exit.stderr).toMatch(/PORT=\d+ npm run sandbox/);
        expect(exit.stdout).not.toContain('Debt Triage sandbox: http');
      } finally {
        server.close();
      }
      // The port is checked first: no demo seeded, no workspace saved.
      expect(await deleteByPrefix(redis, `${prefix}:`)).toBe(0);
      expect(readdirSync(dir)).toEqual([]);
    },
    CHILD_TIMEOUT_MS,
  );

  it(
    'says what a PORT has to be when it is not a port number',
    async () => {
      for (const PORT of ['three thousand', '70000']) {
        const exit = await runSandbox({ PORT, REDIS_URL: TEST_REDIS_URL });
        expect(exit.code).toBe(1);
        expect(exit.stderr.trim()).toBe(
          'Debt Triage sandbox cannot start: PORT must be a port number (0–65535)',
        );
      }
    },
    2 * CHILD_TIMEOUT_MS,
  );

  it(
    'says how to install Redis or point at one when REDIS_URL does not answer and redis-server is missing',
    async () => {
      // A PATH with node and nothing else: no redis-server to fall back on.
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      symlinkSync(process.execPath, join(bin, 'node'));
      const silent = 'redis://127.0.0.1:1';
      const exit = await runSandbox({ PORT: '0', REDIS_URL: silent, PATH: bin });
      expect(exit.code).toBe(1);
      expect(exit.stdout).toContain(
        `REDIS_URL=${silent} does not answer; starting a private redis-server instead.`,
      );
      expect(exit.stderr).toContain(
        `No Redis: REDIS_URL=${silent} does not answer and redis-server is not installed.`,
      );
      expect(exit.stderr).toContain('sudo apt-get install redis-server');
      expect(exit.stderr).toContain('REDIS_URL=redis://127.0.0.1:6379 npm run sandbox');
      expect(exit.stdout).not.toContain('Debt Triage sandbox: http');
    },
    CHILD_TIMEOUT_MS,
  );
});
