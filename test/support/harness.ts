// One running app for an integration test: real Bolt HTTP receiver, real Redis (own prefix), fake Slack Web API.
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type LogLevel, loadConfig } from '../../src/config.ts';
import { createDeps, type Runtime } from '../../src/deps.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import type { Running } from '../../src/lib/running.ts';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { startWeb } from '../../src/start-web.ts';
import { startWorkers } from '../../src/start-workers.ts';
import { createDriver, type Driver, SIGNING_SECRET, TEAM } from './driver.ts';
import { deleteByPrefix, TEST_REDIS_ENV, testPrefix } from './redis.ts';

export type { OpenedView } from './driver.ts';
export { SIGNING_SECRET, TEAM };

export interface HarnessOptions {
  clock?: Clock;
  workers?: boolean;
  /** Connect over Socket Mode (an app-level token) instead of serving signed HTTP requests. */
  socketMode?: boolean;
  /** What `log` captures; default info. */
  logLevel?: LogLevel;
}

export interface Harness extends Driver {
  /** `http://127.0.0.1:PORT` of the web process: /metrics, /healthz, /readyz (Socket Mode: its health server). */
  origin: string;
  fake: FakeSlack;
  deps: Runtime;
  log: string[];
  stop(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeSlack.start({ teamId: TEAM });
  const prefix = testPrefix('app');
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    REDIS_PREFIX: prefix,
    ...TEST_REDIS_ENV,
    PORT: '0',
    LOG_LEVEL: options.logLevel ?? 'info',
    ...(options.socketMode ? { SLACK_APP_TOKEN: 'xapp-test' } : {}),
  });
  const log: string[] = [];
  const deps = createDeps(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    logger: createLogger(options.logLevel ?? 'info', {}, (line) => log.push(line)),
    chatUpdateBudget: { capacity: 1000, perSecond: 100 },
  });
  await deps.ready();
  const running: Running[] = [];
  if (options.workers !== false) running.push(await startWorkers(deps));
  const web = await startWeb(deps);
  running.push(web);
  const events = `http://127.0.0.1:${web.port}/slack/events`;
  if (options.socketMode) await fake.socket.connected();
  const driver = options.socketMode
    ? createDriver(fake, events, (body) => fake.socket.deliverBody(body))
    : createDriver(fake, events);
  return {
    ...driver,
    async file(input) {
      const id = await driver.file(input);
      // The driver sees the panel's post in the fake; the web process stores its ts, switches the channel's
      // digest on and marks the item published a moment later. Tests start from that settled state.
      await fake.waitFor(
        async () => (await deps.redis.zscore(deps.keys.unpublished, `${TEAM}:${id}`)) === null,
      );
      return id;
    },
    origin: `http://127.0.0.1:${web.port}`,
    fake,
    deps,
    log,
    async stop() {
      await Promise.allSettled(running.map((r) => r.stop()));
      await deleteByPrefix(deps.redis, prefix);
      await deps.close();
      await fake.close();
    },
  };
}

/**
 * The usual lifecycle in one line: a harness started before the file's tests, checked for Slack rule
 * violations after each test, and stopped after all. Returns a handle usable as the harness itself.
 */
export function useHarness(options: HarnessOptions & { setup?: (h: Harness) => void } = {}): Harness {
  let current: Harness | undefined;
  beforeAll(async () => {
    current = await startHarness(options);
    options.setup?.(current);
  });
  afterEach(() => {
    current?.fake.assertNoViolations();
  });
  afterAll(async () => {
    await current?.stop();
  });
  return new Proxy({} as Harness, {
    get(_target, property) {
      if (!current) throw new Error('the harness is used before beforeAll started it');
      return Reflect.get(current, property);
    },
  });
}
