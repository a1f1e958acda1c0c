// Starts a process (listener, workers or both): configuration and port errors as one clear message, health and
// metrics for a process running only workers, a bounded drain on SIGTERM, and last-resort error logging.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps, type Deps, type Runtime } from './deps.ts';
import { boundPort, closeServer, healthRoutes, PortError, startHttpServer } from './health.ts';
import type { Running } from './lib/running.ts';
import { startWeb } from './start-web.ts';
import { startWorkers } from './start-workers.ts';
import { checkKeyLayout, KeyLayoutError } from './store/layout.ts';

/** How long requests being served and jobs running get to finish after SIGTERM (decision 0018). */
export const DRAIN_MS = 20_000;
/** After this, the process exits whatever is still running (orchestrators kill at 30 s by default). */
const HARD_EXIT_MS = 25_000;

/**
 * A process running only the workers has no Slack endpoint: it serves /healthz, /readyz and /metrics on
 * METRICS_PORT, so an orchestrator can probe it and Prometheus scrape it.
 */
async function startWorkerProbes(deps: Deps): Promise<Running> {
  const server = await startHttpServer(healthRoutes(deps), deps.config.metricsPort, 'METRICS_PORT');
  const port = boundPort(server);
  deps.logger.info('serving health checks and metrics', {
    port,
    endpoints: ['/healthz', '/readyz', '/metrics'],
  });
  return { port, stop: () => closeServer(server) };
}

/** True when `work` settled within `ms`. */
function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([work.then(() => true), late]).finally(() => clearTimeout(timer));
}

/**
 * Exits (status 1, the message on stderr, as for a configuration error) unless Redis holds the key layout this
 * version reads (src/store/layout.ts): on data in the old layout it would write new names beside the old ones.
 */
async function checkLayoutOrExit(deps: Runtime): Promise<void> {
  try {
    if ((await checkKeyLayout(deps.redis, deps.config.redis.prefix)) === 'fresh')
      deps.logger.info('new installation: key layout marker written', {});
  } catch (error) {
    const reason =
      error instanceof KeyLayoutError
        ? error.message
        : `the key layout could not be checked (${error instanceof Error ? error.message : String(error)})`;
    process.stderr.write(`Debt Triage cannot start: ${reason}\n`);
    await within(deps.close(), 3000);
    process.exit(1);
  }
}

export async function startProcess(parts: { web: boolean; workers: boolean }): Promise<void> {
  // A local .env is a convenience for `npm start`; variables already set in the environment win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const deps = createDeps(config);
  process.on('unhandledRejection', (error) => deps.logger.error('unhandled rejection', { error }));
  // Null once checked; otherwise settles when the check has passed, once Redis answers.
  let layoutCheckPending: Promise<void> | null = null;
  if (await deps.ready()) await checkLayoutOrExit(deps);
  else {
    deps.logger.error('Redis is not answering; starting anyway, /readyz reports 503', {});
    // Checked the moment Redis answers, so a process started before its Redis still refuses old data. Workers
    // wait for the check (they write schedulers and sweep at once); the Slack endpoint answers "cannot reach
    // its database" meanwhile, and only a request arriving while the check runs can write before a refusal.
    layoutCheckPending = new Promise((resolve) =>
      deps.redis.once('ready', () => void checkLayoutOrExit(deps).then(resolve)),
    );
  }

  // Started in this order, stopped in the reverse one: the probes answer until the very end.
  const running: Running[] = [];
  let stopping = false;
  try {
    if (!parts.web) running.push(await startWorkerProbes(deps));
    if (parts.workers && layoutCheckPending === null) running.push(await startWorkers(deps));
    else if (parts.workers)
      void layoutCheckPending?.then(async () => {
        if (!stopping) running.push(await startWorkers(deps));
      });
    if (parts.web) running.push(await startWeb(deps));
  } catch (error) {
    if (!(error instanceof PortError)) throw error;
    deps.logger.error(error.message, {});
    await Promise.allSettled(running.reverse().map((r) => r.stop()));
    await deps.close();
    process.exit(1);
  }

  const stop = async (signal: string) => {
    if (stopping) {
      // A second Ctrl-C means "now".
      if (signal === 'SIGINT') process.exit(1);
      return;
    }
    stopping = true;
    // /readyz answers 503 from here on, and the Slack endpoint refuses new requests (HTTP mode).
    deps.lifecycle.startDraining();
    deps.logger.info('shutting down: finishing requests and jobs in progress', { signal, drainMs: DRAIN_MS });
    const timer = setTimeout(() => {
      deps.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, HARD_EXIT_MS);
    timer.unref();
    const drained = await within(Promise.allSettled(running.map((r) => r.drain?.())), DRAIN_MS);
    if (!drained)
      deps.logger.error('requests or jobs still running after the drain deadline; stopping anyway', {
        drainMs: DRAIN_MS,
      });
    for (const r of [...running].reverse()) await r.stop().catch(() => undefined);
    await deps.close();
    deps.logger.info('stopped', { signal, drained });
    process.exit(drained ? 0 : 1);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
