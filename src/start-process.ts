// Starts a process (listener, workers or both): configuration errors as one clear message, signals, and
// last-resort error logging.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import type { Running } from './lib/running.ts';
import { startWeb } from './start-web.ts';
import { startWorkers } from './start-workers.ts';

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
  if (!(await deps.ready()))
    deps.logger.error('Redis is not answering; starting anyway, /readyz reports 503', {});

  const running: Running[] = [];
  if (parts.workers) running.push(await startWorkers(deps));
  if (parts.web) running.push(await startWeb(deps));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info('shutting down', { signal });
    const timer = setTimeout(() => {
      deps.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 25_000);
    timer.unref();
    await Promise.allSettled(running.map((r) => r.stop()));
    await deps.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
