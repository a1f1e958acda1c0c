// npm run migrate-keys [-- --dry-run]: moves this installation's data to the tagged key layout a Redis Cluster needs
// (decision 0025; docs/operations.md, "Upgrade"). Run once, on the single Redis, with every app process stopped:
// the app refuses to start on the old layout until it has run. Safe to repeat: a second run finds nothing to do.
// Exit status: 0 migrated (or nothing to do), 1 a problem (configuration, Redis, keys under both names), 2 usage.
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type Config, ConfigError, loadConfig, redisShown } from './config.ts';
import { type MigrationReport, migrateKeys } from './features/migrate-keys.ts';
import { createKeys } from './store/keys.ts';
import { LAYOUT_1_QUEUES, LAYOUT_VERSION, oldLayout, readLayoutMarker } from './store/layout.ts';

const USAGE = `Usage: npm run migrate-keys [-- --dry-run]

Moves the data of this installation (REDIS_URL, REDIS_PREFIX) to the key layout of this version: every
workspace key <prefix>:t:<team>:… becomes <prefix>:t:{<team>}:…, queued jobs move from BullMQ's prefix
<prefix>:bull to <prefix>:{<prefix>:bull}, the old queues are deleted, and <prefix>:layout is set to ${LAYOUT_VERSION}.
Stop every app process first. --dry-run only reports what it would do. Running it again is safe.`;

const OK = 0;
const PROBLEM = 1;
const USAGE_ERROR = 2;
/** Conflicts and odd keys listed one per line, up to this many. */
const LISTED = 20;

class Stop extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where the script reads its configuration and writes its report; tests pass their own. */
export interface ScriptIO {
  /** The environment; without it, as `npm start` does: the process's environment and a local .env. */
  env?: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

const terminal: ScriptIO = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

function parseArgs(argv: string[]): { dryRun: boolean } {
  if (argv.includes('--help') || argv.includes('-h')) throw new Stop(OK, USAGE);
  const unknown = argv.find((arg) => arg !== '--dry-run');
  if (unknown !== undefined) throw new Stop(USAGE_ERROR, `Unknown argument ${unknown}.\n\n${USAGE}`);
  return { dryRun: argv.includes('--dry-run') };
}

function loadOperatorConfig(env: ScriptIO['env']): Config {
  if (env === undefined && existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError)
      throw new Stop(PROBLEM, `The migration reads the app's own configuration. ${error.message}`);
    throw error;
  }
}

/** The single Redis's URL; a cluster is refused, since a key cannot be renamed into another hash slot there. */
function singleRedis(config: Config): string {
  if (config.redis.clusterNodes !== null || config.redis.url === null)
    throw new Stop(
      PROBLEM,
      'REDIS_CLUSTER_NODES is set: migrate on the single Redis first, then copy to the cluster (docs/operations.md, "Upgrade"). Nothing was changed.',
    );
  return config.redis.url;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function listed<T>(items: T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, LISTED).map((item) => `                       ${line(item)}`);
  return items.length > LISTED
    ? [...shown, `                       … and ${items.length - LISTED} more`]
    : shown;
}

function summary(report: MigrationReport, prefix: string, newBull: string): string[] {
  const { keys, dryRun } = report;
  const did = (past: string, planned: string) => (dryRun ? planned : past);
  const lines = [
    `  workspace keys     ${keys.renamed} ${did('renamed', 'to rename')} to ${prefix}:t:{<team>}:…, ${keys.alreadyTagged} already tagged` +
      (keys.vanished > 0 ? `, ${keys.vanished} expired meanwhile` : ''),
  ];
  if (keys.conflicts.length > 0)
    lines.push(
      `  conflicts          ${keys.conflicts.length}, left as they are (the new name exists too):`,
      ...listed(keys.conflicts, ({ from, to }) => `${from} → ${to}`),
    );
  if (keys.unknown.length > 0)
    lines.push(
      `  left alone         ${count(keys.unknown.length, 'key')} under ${prefix}:t: not named ${prefix}:t:<team>:…:`,
      ...listed(keys.unknown, (key) => key),
    );
  if (report.jobs.length === 0) {
    lines.push('  queues             not moved yet: the conflicts come first');
    return lines;
  }
  const copied = report.jobs.reduce((n, { copy }) => n + copy.copied, 0);
  const runs = report.jobs.reduce((n, { copy }) => n + copy.schedulerRuns, 0);
  const running = report.jobs.reduce((n, { copy }) => n + copy.running, 0);
  const perQueue = report.jobs.map(({ queue, copy }) => `${queue} ${copy.copied}`).join(', ');
  lines.push(
    `  queued jobs        ${copied} ${did('copied', 'to copy')} to ${newBull} (${perQueue}); ${count(runs, 'scheduler run')} left out: workers re-create their schedulers`,
  );
  if (running > 0)
    lines.push(
      `  running jobs       ${running} ${running === 1 ? 'was' : 'were'} running when ${running === 1 ? 'its process' : 'their processes'} stopped: not queued, so not copied`,
    );
  lines.push(
    `  old queue keys     ${report.oldQueueKeys} ${did('deleted', 'to delete')} under ${prefix}:bull:`,
    report.marked
      ? `  layout marker      ${prefix}:layout ${did('=', 'to be set to')} ${LAYOUT_VERSION}`
      : '  layout marker      not set: the conflicts come first',
  );
  return lines;
}

/** What to do about keys under both names; a dry run says where a real run would stop. */
function conflictHelp(dryRun: boolean): string {
  return [
    'Keys exist under both names: a process of the new version wrote to this Redis before the migration.',
    dryRun
      ? 'A run would rename every other key, overwrite none of these, and stop before the queues and the layout marker.'
      : 'None of them was overwritten, and the queues and the layout marker were left for the next run: the app keeps refusing to start until then.',
    'For each pair, keep the right one under the new name (the old name holds the data from before the upgrade),',
    'delete the other, then run this again.',
  ].join('\n');
}

/** Resolves true once `redis` is connected, false after `ms`. */
function ready(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    timer.unref();
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Both prefixes of each queue. BullMQ writes a queue's meta hash when a Queue is made, unless told not to: never
 * under the old prefix (the start check reads it as a sign of old data), and in a dry run under neither.
 */
function bothQueues(redis: Redis, prefix: string, dryRun: boolean): { from: Queue; to: Queue }[] {
  const queue = (name: string, bullPrefix: string, skipMetasUpdate: boolean) => {
    const q = new Queue(name, { connection: redis, prefix: bullPrefix, skipMetasUpdate });
    // Reported where it matters: by the command that met it, which fails the run.
    q.on('error', () => undefined);
    return q;
  };
  return LAYOUT_1_QUEUES.map((name) => ({
    from: queue(name, oldLayout(prefix).bullPrefix, true),
    to: queue(name, createKeys(prefix).bullPrefix, dryRun),
  }));
}

async function migrate(redis: Redis, config: Config, dryRun: boolean, io: ScriptIO) {
  const { prefix } = config.redis;
  if (!(await ready(redis, 5000)))
    throw new Stop(PROBLEM, `Redis at ${redisShown(config.redis)} is not answering. Nothing was changed.`);
  const marker = await readLayoutMarker(redis, prefix);
  if (marker !== null && marker !== LAYOUT_VERSION)
    throw new Stop(
      PROBLEM,
      `${prefix}:layout is "${marker}", a key layout this version does not know (it knows ${LAYOUT_VERSION}). Nothing was changed.`,
    );
  const queues = bothQueues(redis, prefix, dryRun);
  try {
    io.out(
      `${dryRun ? 'Dry run of the key layout migration' : 'Key layout migration'} in ${redisShown(config.redis)}, prefix "${prefix}":`,
    );
    const report = await migrateKeys({ redis, prefix, queues }, { dryRun });
    for (const line of summary(report, prefix, createKeys(prefix).bullPrefix)) io.out(line);
    if (report.keys.conflicts.length > 0) {
      io.err(conflictHelp(dryRun));
      return PROBLEM;
    }
    io.out(dryRun ? 'Nothing was changed. Run it without --dry-run to migrate.' : 'Done: the app can start.');
    return OK;
  } finally {
    await Promise.allSettled(queues.flatMap(({ from, to }) => [from.close(), to.close()]));
  }
}

/** The whole script: arguments, configuration, Redis, the migration and its report; returns the exit status. */
export async function migrateKeysScript(argv: string[], io: ScriptIO = terminal): Promise<number> {
  try {
    const { dryRun } = parseArgs(argv);
    const config = loadOperatorConfig(io.env);
    const url = singleRedis(config);
    // One connection of its own: no command timeout (a page of renames is one pipeline), no offline queue (a
    // Redis that went away fails the run at once instead of holding it).
    const redis = new Redis(url, {
      connectionName: 'debt-triage:migrate-keys',
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Without a listener an 'error' event would end the process; `ready` and failing commands report it.
    redis.on('error', () => undefined);
    try {
      return await migrate(redis, config, dryRun, io);
    } finally {
      redis.disconnect();
    }
  } catch (error) {
    if (error instanceof Stop) {
      (error.code === OK ? io.out : io.err)(error.message);
      return error.code;
    }
    io.err(
      `Migration failed: ${error instanceof Error ? error.message : String(error)}\nRun it again: every step is safe to repeat.`,
    );
    return PROBLEM;
  }
}

/** True when node started this file, not when a test imported it. */
function startedDirectly(): boolean {
  const script = process.argv[1];
  return (
    script !== undefined && existsSync(script) && realpathSync(script) === fileURLToPath(import.meta.url)
  );
}

if (startedDirectly()) process.exit(await migrateKeysScript(process.argv.slice(2)));
