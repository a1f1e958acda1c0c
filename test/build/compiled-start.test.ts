// Smoke test of the build (`npm run build`): the bundle `npm start` and the container run (dist/bundle/main.js)
// and tsc's unbundled output (dist/src/main.js) each start against the fake Slack and a real Redis, answer
// /readyz 200, file an item end to end (command, modal, card and vote panel from the workers), and exit 0 on
// SIGTERM. Skipped when dist/ has not been built (`npm ci` builds it through `prepare`), except in `.ci/run`.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import type { RedisClient } from '../../src/store/client.ts';
import { createDriver, SIGNING_SECRET, TEAM } from '../support/driver.ts';
import { freePort } from '../support/ports.ts';
import { createTestRedis, deleteByPrefix, TEST_REDIS_URL, testPrefix } from '../support/redis.ts';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
/** Set by .ci/run: a missing build is a failure there, not a reason to skip. */
const REQUIRED = process.env.CI_REQUIRE_BUILD === '1';
const ENTRIES = [
  { name: 'npm start (dist/bundle/main.js)', file: join(DIST, 'bundle', 'main.js') },
  { name: "tsc's output (dist/src/main.js)", file: join(DIST, 'src', 'main.js') },
];

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return jsFiles(path);
    return entry.name.endsWith('.js') ? [path] : [];
  });
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

describe.skipIf(!REQUIRED && !existsSync(join(DIST, 'src', 'main.js')))('the build (dist/)', () => {
  let fake: FakeSlack;
  let redis: RedisClient;
  const prefixes: string[] = [];
  // An empty working directory, so that a developer's .env is not loaded into the app under test.
  const cwd = mkdtempSync(join(tmpdir(), 'debt-compiled-'));

  beforeAll(async () => {
    fake = await FakeSlack.start({ teamId: TEAM });
    redis = createTestRedis();
  });
  afterAll(async () => {
    for (const prefix of prefixes) await deleteByPrefix(redis, prefix);
    redis.disconnect();
    await fake.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it("tsc rewrote every relative import specifier of dist/{src,blocks,jobs} to '.js'", () => {
    const relative = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;
    const specifiers = ['src', 'blocks', 'jobs'].flatMap((dir) =>
      jsFiles(join(DIST, dir)).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(relative)].map((m) => m[1] ?? ''),
      ),
    );
    expect(specifiers.length).toBeGreaterThan(100);
    expect(specifiers.filter((s) => !s.endsWith('.js'))).toEqual([]);
  });

  for (const entry of ENTRIES) {
    it.skipIf(!REQUIRED && !existsSync(entry.file))(
      `${entry.name} starts, is ready, files an item, and exits 0 on SIGTERM`,
      async () => {
        const prefix = testPrefix('compiled-start');
        prefixes.push(prefix);
        const port = await freePort();
        const child: ChildProcess = spawn(process.execPath, [entry.file], {
          cwd,
          env: {
            PATH: process.env.PATH ?? '',
            SLACK_BOT_TOKEN: 'xoxb-compiled-start',
            SLACK_SIGNING_SECRET: SIGNING_SECRET,
            SLACK_API_URL: fake.url,
            REDIS_URL: TEST_REDIS_URL,
            REDIS_PREFIX: prefix,
            PORT: String(port),
            // A worker's own health and metrics port, where the version has one: never a fixed port in tests.
            METRICS_PORT: String(await freePort()),
            LOG_LEVEL: 'info',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const output: string[] = [];
        child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
        let exit: Exit | null = null;
        const exited = new Promise<Exit>((resolve) =>
          child.once('exit', (code, signal) => {
            exit = { code, signal };
            resolve(exit);
          }),
        );
        const log = () => `${entry.name} wrote:\n${output.join('').slice(-4000)}`;

        try {
          const base = `http://127.0.0.1:${port}`;
          let readyz = 0;
          const deadline = Date.now() + 30_000;
          while (readyz !== 200 && exit === null && Date.now() < deadline) {
            readyz = await fetch(`${base}/readyz`)
              .then((r) => r.status)
              .catch(() => 0);
            if (readyz !== 200) await new Promise((r) => setTimeout(r, 50));
          }
          expect(exit, log()).toBeNull();
          expect(readyz, log()).toBe(200);
          expect((await fetch(`${base}/healthz`)).status, log()).toBe(200);

          // One real request through the listeners, the store and the workers: a card and its vote panel.
          fake.reset();
          const id = await createDriver(fake, `${base}/slack/events`).file({ title: `Smoke ${entry.name}` });
          expect(
            fake.messages('C0TEAM').some((m) => String(m.text).includes(`DEBT-${id}`)),
            log(),
          ).toBe(true);

          child.kill('SIGTERM');
          const result = await Promise.race([
            exited,
            new Promise<null>((r) => setTimeout(() => r(null), 25_000)),
          ]);
          expect(result, log()).toEqual({ code: 0, signal: null });
          fake.assertNoViolations();
        } finally {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        }
      },
      90_000,
    );
  }
});
