// The real app inside the sandbox: web listener and BullMQ workers, in this process, against the stand-in's
// Web API and a Redis prefix of its own. Restarted from scratch by a reset.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config.ts';
import { createDeps, type Runtime } from '../deps.ts';
import { createLogger } from '../lib/logger.ts';
import type { Running } from '../lib/running.ts';
import { startWeb } from '../start-web.ts';
import { startWorkers } from '../start-workers.ts';
import type { FakeSlack } from './fake-slack.ts';
import type { AppEndpoint } from './session.ts';

/** How long a stop or reset waits for requests and jobs in progress, as `npm start` does on SIGTERM but shorter. */
const DRAIN_MS = 10_000;

/** Settles when `work` does, or after `ms` at the latest. */
function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work.then(() => undefined), late]).finally(() => clearTimeout(timer));
}

export interface SandboxApp extends AppEndpoint {
  stop(): Promise<void>;
}

export interface AppOptions {
  fake: FakeSlack;
  redisUrl: string;
  prefix: string;
  /** The app's log lines (JSON); the sandbox keeps warnings and errors on stderr. */
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/**
 * `prepare` runs on the app's stores before its workers start: the demo backlog is written before the hourly
 * snapshot sweep (which runs once at start) could take this week's snapshot of a half-written backlog.
 */
export async function startSandboxApp(
  options: AppOptions,
  prepare: (deps: Runtime) => Promise<void> = async () => undefined,
): Promise<SandboxApp> {
  // A secret of its own per run: only the sandbox's session can sign requests the app accepts.
  const signingSecret = randomBytes(16).toString('hex');
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-sandbox',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: options.fake.url,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.prefix,
    PORT: '0',
    DEFAULT_TIMEZONE: 'Europe/Berlin',
    LOG_LEVEL: options.logLevel,
  });
  const deps: Runtime = createDeps(config, {
    logger: createLogger(options.logLevel, { sandbox: true }, (line) => process.stderr.write(`${line}\n`)),
  });
  if (!(await deps.ready(5000))) {
    await deps.close();
    throw new Error(`Redis at ${options.redisUrl} did not answer`);
  }
  const running: Running[] = [];
  try {
    await prepare(deps);
    running.push(await startWorkers(deps));
    const web = await startWeb(deps);
    running.push(web);
    return {
      events: `http://127.0.0.1:${web.port}/slack/events`,
      signingSecret,
      deps,
      async stop() {
        // Work already taken finishes first (a filing still posting its vote panel, a refresh, a digest): cut off,
        // it would leave a card without its thread, or write keys after a reset deleted them.
        deps.lifecycle.startDraining();
        await atMost(Promise.allSettled(running.map((r) => r.drain?.())), DRAIN_MS);
        for (const r of running.reverse()) await r.stop().catch(() => undefined);
        await deps.close();
      },
    };
  } catch (error) {
    for (const r of running.reverse()) await r.stop().catch(() => undefined);
    await deps.close();
    throw error;
  }
}
