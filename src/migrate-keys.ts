// npm run migrate-keys [-- --dry-run]: moves this installation's data to the tagged key layout a Redis Cluster needs
// (decision 0025; docs/operations.md, "Upgrade"). Run once, on the single Redis, with every app process stopped:
// the app refuses to start on the old layout until it has run. Safe to repeat: a second run finds nothing to do.
// Exit status: 0 migrated (or nothing to do), 1 a problem (configuration, Redis, keys under both names, a job whose
// lock a worker still holds), 2 usage.
import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createQueueMove } from '../jobs/producers/copy-queued-jobs.ts';
import { type Config, redisShown } from './config.ts';
import { migrateKeys } from './features/migrate-keys.ts';
import { systemClock } from './lib/clock.ts';
import { conflictHelp, stillRunningHelp, summary } from './migrate-keys-report.ts';
import {
  loadOperatorConfig,
  OK,
  PROBLEM,
  runOperatorScript,
  type ScriptIO,
  Stop,
  terminal,
} from './operator-script.ts';
import { createKeys } from './store/keys.ts';
import { LAYOUT_1_QUEUES, LAYOUT_VERSION, oldLayout } from './store/layout.ts';
import { createLayoutMigration } from './store/layout-migration.ts';
import { whenReady } from './store/ready.ts';

export type { ScriptIO };

const USAGE = `Usage: npm run migrate-keys [-- --dry-run]

Moves the data of this installation (REDIS_URL, REDIS_PREFIX) to the key layout of this version: every
workspace key <prefix>:t:<team>:… becomes <prefix>:t:{<team>}:…, the jobs still to run (queued, left running by a
stopped process, digests whose slot has come) move from BullMQ's prefix <prefix>:bull to <prefix>:{<prefix>:bull},
the old queues are deleted, and <prefix>:layout is set to ${LAYOUT_VERSION}.
Stop every app process first. --dry-run only reports what it would do. Running it again is safe.`;

const USAGE_ERROR = 2;

function parseArgs(argv: string[]): { dryRun: boolean } {
  if (argv.includes('--help') || argv.includes('-h')) throw new Stop(OK, USAGE);
  const unknown = argv.find((arg) => arg !== '--dry-run');
  if (unknown !== undefined) throw new Stop(USAGE_ERROR, `Unknown argument ${unknown}.\n\n${USAGE}`);
  return { dryRun: argv.includes('--dry-run') };
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

/**
 * Each layout 1 queue with its namesake under the new prefix, for the copy. BullMQ writes a queue's meta hash when
 * a Queue is made, unless told not to: never under the old prefix (the start check reads it as a sign of old data),
 * and in a dry run under neither.
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
  if (!(await whenReady(redis, 5000)))
    throw new Stop(PROBLEM, `Redis at ${redisShown(config.redis)} is not answering. Nothing was changed.`);
  const layout = createLayoutMigration(redis, prefix);
  const marker = await layout.readMarker();
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
    const moves = queues.map(({ from, to }) => createQueueMove(from, to, layout));
    const result = await migrateKeys({ layout, queues: moves, clock: systemClock }, { dryRun });
    if ('stillRunning' in result) {
      io.err(stillRunningHelp(result, prefix));
      return PROBLEM;
    }
    for (const line of summary(result, prefix, createKeys(prefix).bullPrefix)) io.out(line);
    if (result.keys.conflicts.length > 0) {
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
  return runOperatorScript(
    async () => {
      const { dryRun } = parseArgs(argv);
      const config = loadOperatorConfig(io.env, 'The migration');
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
      // Without a listener an 'error' event would end the process; `whenReady` and failing commands report it.
      redis.on('error', () => undefined);
      try {
        return await migrate(redis, config, dryRun, io);
      } finally {
        redis.disconnect();
      }
    },
    io,
    { failed: 'Migration failed', again: 'Run it again: every step is safe to repeat.' },
  );
}

/** True when node started this file, not when a test imported it. */
function startedDirectly(): boolean {
  const script = process.argv[1];
  return (
    script !== undefined && existsSync(script) && realpathSync(script) === fileURLToPath(import.meta.url)
  );
}

if (startedDirectly()) process.exit(await migrateKeysScript(process.argv.slice(2)));
