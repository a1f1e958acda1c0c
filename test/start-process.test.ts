// A real process of this version on an installation still in the old key layout: it refuses to start, exit 1, with
// the message that says what to do; once `npm run migrate-keys` ran, it starts.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { migrateKeysScript } from '../src/migrate-keys.ts';
import { OLD_LAYOUT_MESSAGE } from '../src/store/layout.ts';
import { appEnv, writeOldLayout } from './support/old-layout.ts';
import { createTestRedis, crossSlotRefused, deleteByPrefix, testPrefix } from './support/redis.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Starts a worker-only process; resolves with its exit code, or with 'started' once it serves its probes. */
function startWorker(prefix: string): Promise<{ outcome: number | null | 'started'; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...appEnv(prefix),
      // Nothing answers there: the worker only warns that auth.test failed.
      SLACK_API_URL: 'http://127.0.0.1:1/api/',
      METRICS_PORT: '0',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: string[] = [];
  let started = false;
  createInterface({ input: child.stderr }).on('line', (line) => {
    lines.push(line);
    if (line.includes('"serving health checks and metrics"')) {
      started = true;
      child.kill('SIGKILL');
    }
  });
  // Settled on exit either way, so nothing of it writes to Redis after the test cleaned up.
  return new Promise((resolve) =>
    child.once('exit', (code) => resolve({ outcome: started ? 'started' : code, stderr: lines.join('\n') })),
  );
}

describe.skipIf(await crossSlotRefused())('starting on the old key layout', () => {
  const redis = createTestRedis();
  const prefix = testPrefix('start-layout');
  afterEach(async () => {
    await deleteByPrefix(redis, prefix);
  });
  afterAll(() => redis.quit());

  it('refuses until the data is migrated, then starts', async () => {
    await writeOldLayout(redis, prefix);
    const refused = await startWorker(prefix);
    expect(refused.outcome).toBe(1);
    expect(refused.stderr).toContain(`Debt Triage cannot start: ${OLD_LAYOUT_MESSAGE}`);
    expect(await redis.get(`${prefix}:layout`)).toBeNull();

    const quiet = { env: appEnv(prefix), out: () => undefined, err: () => undefined };
    expect(await migrateKeysScript([], quiet)).toBe(0);
    expect((await startWorker(prefix)).outcome).toBe('started');
  }, 60_000);
});
