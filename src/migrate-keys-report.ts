// What `npm run migrate-keys` tells the operator (src/migrate-keys.ts): the summary of a run, and what to do when
// it stopped short.
import type { MigrationReport, StillRunning } from './features/migrate-keys.ts';
import { count } from './operator-script.ts';
import { LAYOUT_VERSION } from './store/layout.ts';

/** Conflicts, odd keys and running jobs listed one per line, up to this many. */
const LISTED = 20;

function listed<T>(items: T[], line: (item: T) => string): string[] {
  const shown = items.slice(0, LISTED).map((item) => `                       ${line(item)}`);
  return items.length > LISTED
    ? [...shown, `                       … and ${items.length - LISTED} more`]
    : shown;
}

const total = (report: MigrationReport, field: 'copied' | 'digestRuns' | 'wasRunning' | 'schedulerRuns') =>
  report.jobs.reduce((n, { copy }) => n + copy[field], 0);

function jobLines(report: MigrationReport, newBull: string): string[] {
  const did = (past: string, planned: string) => (report.dryRun ? planned : past);
  const perQueue = report.jobs.map(({ queue, copy }) => `${queue} ${copy.copied}`).join(', ');
  const lines = [
    `  queued jobs        ${total(report, 'copied')} ${did('copied', 'to copy')} to ${newBull} (${perQueue}); ${count(total(report, 'schedulerRuns'), 'scheduler run')} left out: workers re-create their schedulers`,
  ];
  const digestRuns = total(report, 'digestRuns');
  if (digestRuns > 0)
    lines.push(
      `  digest runs        ${digestRuns} whose slot has come among them: each is posted late or reported missed, once`,
    );
  const running = total(report, 'wasRunning');
  if (running > 0)
    lines.push(
      `  running jobs       ${running} among them ${running === 1 ? 'was' : 'were'} running when ${running === 1 ? 'its process' : 'their processes'} stopped: queued again, to run again`,
    );
  return lines;
}

export function summary(report: MigrationReport, prefix: string, newBull: string): string[] {
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
  lines.push(
    ...jobLines(report, newBull),
    `  old queue keys     ${report.oldQueueKeys} ${did('deleted', 'to delete')} under ${prefix}:bull:`,
    report.marked
      ? `  layout marker      ${prefix}:layout ${did('=', 'to be set to')} ${LAYOUT_VERSION}`
      : '  layout marker      not set: the conflicts come first',
  );
  return lines;
}

/** What to do about keys under both names; a dry run says where a real run would stop. */
export function conflictHelp(dryRun: boolean): string {
  return [
    'Keys exist under both names: a process of the new version wrote to this Redis before the migration.',
    dryRun
      ? 'A run would rename every other key, overwrite none of these, and stop before the queues and the layout marker.'
      : 'None of them was overwritten, and the queues and the layout marker were left for the next run: the app keeps refusing to start until then.',
    'For each pair, keep the right one under the new name (the old name holds the data from before the upgrade),',
    'delete the other, then run this again.',
  ].join('\n');
}

/** Why nothing was done while a worker holds a job's lock. */
export function stillRunningHelp({ stillRunning }: StillRunning, prefix: string): string {
  return [
    `${count(stillRunning.length, 'job')} under ${prefix}:bull ${stillRunning.length === 1 ? 'is' : 'are'} running, a worker still holding ${stillRunning.length === 1 ? 'its lock' : 'their locks'}:`,
    ...listed(stillRunning, ({ queue, id }) => `${queue} ${id}`),
    'An app process is still running, or stopped less than half a minute ago (a lock lasts up to 30 s).',
    'Stop every process, wait half a minute, then run this again. Nothing was changed.',
  ].join('\n');
}
