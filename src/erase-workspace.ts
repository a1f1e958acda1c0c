// npm run erase-workspace -- T0123ABC: erases one workspace's data from this installation's Redis (decision
// 0019). Shows what it will delete, then asks for the workspace id again (or takes `--yes T0123ABC`).
// Exit status: 0 erased (or nothing to erase), 1 a problem (configuration, Redis, data in the old key layout, data
// left), 2 refused (usage, a malformed id, no or wrong confirmation), with nothing erased.
import { createInterface } from 'node:readline';
import { createWorkspaceJobs } from '../jobs/producers/erase.ts';
import { type Config, redisShown } from './config.ts';
import { createDeps, type Runtime } from './deps.ts';
import {
  type ErasureDeps,
  type ErasureReport,
  eraseWorkspace,
  isNothing,
  surveyWorkspace,
  type WorkspaceData,
} from './features/erase-workspace.ts';
import {
  count,
  loadOperatorConfig,
  OK,
  PROBLEM,
  runOperatorScript,
  Stop,
  terminal,
} from './operator-script.ts';
import { createWorkspaceErasure, isWorkspaceId } from './store/erase-workspace.ts';
import { createKeys } from './store/keys.ts';
import { inspectKeyLayout, KeyLayoutError } from './store/layout.ts';
import { whenReady } from './store/ready.ts';

const USAGE = `Usage: npm run erase-workspace -- <workspace id> [--yes <workspace id>]

Erases everything this installation (REDIS_URL, REDIS_PREFIX) stores for one Slack workspace: items,
votes, pain reports, channel settings, digest records and schedules, queued jobs. Other workspaces are
not touched. It shows what it will delete, then asks you to type the workspace id again; --yes followed
by the same id confirms without asking (for scripts). This cannot be undone.`;

const REFUSED = 2;

const out = (line = '') => process.stdout.write(`${line}\n`);

function parseArgs(argv: string[]): { teamId: string; yes: string | null } {
  if (argv.includes('--help') || argv.includes('-h')) throw new Stop(OK, USAGE);
  const positional: string[] = [];
  let yes: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--yes') {
      const repeated = argv[++i];
      if (repeated === undefined)
        throw new Stop(REFUSED, `--yes needs the workspace id repeated after it.\n\n${USAGE}`);
      yes = repeated;
    } else if (arg.startsWith('-')) throw new Stop(REFUSED, `Unknown option ${arg}.\n\n${USAGE}`);
    else positional.push(arg);
  }
  const [teamId, ...extra] = positional;
  if (teamId === undefined) throw new Stop(REFUSED, `Which workspace? Give its id.\n\n${USAGE}`);
  if (extra.length > 0) throw new Stop(REFUSED, `One workspace at a time.\n\n${USAGE}`);
  if (!isWorkspaceId(teamId))
    throw new Stop(
      REFUSED,
      `"${teamId}" is not a Slack workspace id: it is T (or E for an Enterprise Grid organisation) followed by capital letters and digits, such as T0123ABC. Nothing was erased.`,
    );
  if (yes !== null && yes !== teamId)
    throw new Stop(REFUSED, `--yes ${yes} does not repeat the workspace id ${teamId}. Nothing was erased.`);
  return { teamId, yes };
}

function describe(data: WorkspaceData, config: Config): string[] {
  const { prefix } = config.redis;
  const channels =
    data.channelIds.length === 0
      ? ''
      : ` (${data.channelIds.slice(0, 10).join(', ')}${data.channelIds.length > 10 ? ', …' : ''})`;
  return [
    `Workspace ${data.teamId} in ${redisShown(config.redis)}, prefix "${prefix}":`,
    `  items              ${data.items}`,
    `  channels           ${data.channelIds.length}${channels}`,
    `  keys               ${data.keys} under ${createKeys(prefix).teamHead(data.teamId)}`,
    `  set entries        ${data.setMembers.channels} in ${prefix}:channels, ${data.setMembers.unpublished} in ${prefix}:unpublished`,
    `  digest schedules   ${data.schedulers}`,
    `  jobs               ${data.jobs.queued} queued, ${data.jobs.finished} finished${data.jobs.active > 0 ? `, ${data.jobs.active} running now (waited for)` : ''}`,
    `  queue events       ${data.events} naming it`,
  ];
}

/** The first line typed on stdin; null when stdin ends first. */
function readLine(): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin });
    let answered = false;
    rl.once('line', (line) => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) resolve(null);
    });
  });
}

async function confirm(teamId: string, yes: string | null): Promise<void> {
  if (yes === teamId) return;
  process.stdout.write(`Type ${teamId} to erase all of it for good, anything else to stop: `);
  const typed = await readLine();
  // A terminal echoes the answer and its newline; piped input does not.
  if (!process.stdin.isTTY || typed === null) out();
  if (typed === null) {
    throw new Stop(REFUSED, 'No confirmation was typed (stdin ended). Nothing was erased.');
  }
  if (typed.trim() !== teamId)
    throw new Stop(REFUSED, `"${typed.trim()}" is not ${teamId}. Nothing was erased.`);
}

function summary(report: ErasureReport): string {
  const { erased } = report;
  const setEntries = erased.setMembers.channels + erased.setMembers.unpublished;
  return (
    `Erased ${count(erased.items, 'item')} in ${count(erased.channelIds.length, 'channel')}: ` +
    `${count(erased.keys, 'key')}, ${count(setEntries, 'set entry', 'set entries')}, ` +
    `${count(erased.schedulers, 'digest schedule')}, ${count(erased.jobs, 'job')}, ` +
    `${count(erased.events, 'queue event')} (${count(report.passes, 'pass', 'passes')}).`
  );
}

/**
 * Refuses data in a layout this version does not read: erasure looks only under the tagged names, so on layout 1
 * data it would find nothing and report success. Reads only: the marker is the start check's and the migration's.
 */
async function requireCurrentLayout(runtime: Runtime): Promise<void> {
  try {
    await inspectKeyLayout(runtime.redis, runtime.config.redis.prefix);
  } catch (error) {
    if (error instanceof KeyLayoutError)
      throw new Stop(PROBLEM, `Cannot erase: ${error.message} Nothing was erased.`);
    throw error;
  }
}

async function erase(runtime: Runtime, config: Config, teamId: string, yes: string | null): Promise<number> {
  await requireCurrentLayout(runtime);
  const deps: ErasureDeps = {
    logger: runtime.logger,
    erasure: createWorkspaceErasure(runtime.redis, runtime.keys),
    workspaceJobs: createWorkspaceJobs(runtime),
  };
  const data = await surveyWorkspace(deps, teamId);
  if (isNothing(data)) {
    out(
      `Nothing of workspace ${teamId} is stored in ${redisShown(config.redis)} under prefix "${config.redis.prefix}". Nothing to erase.`,
    );
    return OK;
  }
  for (const line of describe(data, config)) out(line);
  out(
    'All of it will be deleted. This cannot be undone: only a Redis backup taken before now brings it back.',
  );
  await confirm(teamId, yes);
  const report = await eraseWorkspace(deps, teamId);
  out(summary(report));
  if (isNothing(report.left)) {
    out(`Nothing of ${teamId} is left.`);
    return OK;
  }
  process.stderr.write(
    [
      `Something of ${teamId} is still there after ${report.passes} passes:`,
      ...describe(report.left, config),
      'A process is still writing for this workspace (is the app still installed and used there?) or one of',
      'its jobs keeps running. Uninstall the app from that workspace or stop the app processes, then run this again.',
      '',
    ].join('\n'),
  );
  return PROBLEM;
}

async function main(): Promise<number> {
  const { teamId, yes } = parseArgs(process.argv.slice(2));
  const config = loadOperatorConfig(undefined, 'Erasure');
  const runtime = createDeps(config);
  try {
    if (!(await whenReady(runtime.redis, 5000)))
      throw new Stop(PROBLEM, `Redis at ${redisShown(config.redis)} is not answering. Nothing was erased.`);
    return await erase(runtime, config, teamId, yes);
  } finally {
    // Bounded: closing must not hang the operator's terminal when Redis went away.
    await Promise.race([runtime.close(), new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  }
}

process.exit(
  await runOperatorScript(main, terminal, {
    failed: 'Erasure failed',
    again: 'Run it again: erasing is safe to repeat.',
  }),
);
