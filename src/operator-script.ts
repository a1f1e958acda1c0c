// What the operator scripts (`npm run erase-workspace`, `npm run migrate-keys`) share: their exit statuses, a stop
// with a message, where they write, the app's configuration read as `npm start` reads it, and the last word on a
// failure nobody foresaw.
import { existsSync } from 'node:fs';
import { type Config, ConfigError, loadConfig } from './config.ts';

export const OK = 0;
export const PROBLEM = 1;

/** Ends the script with `code`, the message on stdout for OK and on stderr otherwise. */
export class Stop extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where a script reads its configuration and writes its report; tests pass their own. */
export interface ScriptIO {
  /** The environment; without it, as `npm start` does: the process's environment and a local .env. */
  env?: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

export const terminal: ScriptIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** The app's own configuration; `reader` names the script in the message about a configuration error. */
export function loadOperatorConfig(env: ScriptIO['env'], reader: string): Config {
  // As `npm start` does: a local .env, with variables already set in the environment winning.
  if (env === undefined && existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new Stop(PROBLEM, `${reader} reads the app's own configuration. ${error.message}`);
    throw error;
  }
}

export const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Runs `main` and returns its exit status. A Stop says its message; anything else is reported as `failed` (e.g.
 * "Migration failed") with `again`, the reassurance that a rerun is safe, and exits with PROBLEM.
 */
export async function runOperatorScript(
  main: () => Promise<number>,
  io: ScriptIO,
  { failed, again }: { failed: string; again: string },
): Promise<number> {
  try {
    return await main();
  } catch (error) {
    if (error instanceof Stop) {
      (error.code === OK ? io.out : io.err)(error.message);
      return error.code;
    }
    io.err(`${failed}: ${error instanceof Error ? error.message : String(error)}\n${again}`);
    return PROBLEM;
  }
}
