// What a user reads about `/debt export` (SPEC §2.10): queued, delivered, nothing to export, or failed.
import type { SlackFailure } from '../src/lib/slack-errors.ts';
import { channelLink, escapeAndTruncate, type Message } from './kit.ts';
import { buildNotice } from './notice.ts';

export type ExportScope = 'channel' | 'all';

const count = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'item' : 'items'}`;

function what(scope: ExportScope, channelId: string): string {
  return scope === 'channel' ? channelLink(channelId) : 'every item you can see';
}

/**
 * The comment on the DM'd file. `everything`: an admin's workspace export, private channels included (§1.6),
 * said so that nobody forwards it thinking it holds public items only.
 */
export function exportComment(
  scope: ExportScope,
  channelId: string,
  rows: number,
  everything: boolean,
): string {
  const of =
    scope === 'all' && everything
      ? 'every item in the workspace, private channels included'
      : what(scope, channelId);
  return `Your export of ${of}: ${count(rows)}. It opens in any spreadsheet (UTF-8, comma-separated).`;
}

/** Nothing visible to export: said in words rather than sent as a file with a header and no rows. */
export function buildExportEmpty(scope: ExportScope, channelId: string): Message {
  return buildNotice(
    scope === 'channel'
      ? `There is nothing to export from ${channelLink(channelId)}: no debt items were filed there yet.`
      : 'There is nothing to export: there are no debt items you can see yet.',
  );
}

/** A code Slack answered with, shown as code (escaped: an undocumented one could hold anything). */
const code = (error: string) => `\`${escapeAndTruncate(error.replace(/`/g, "'"), 100)}\``;

/** Why the export failed, in plain words; null: something failed on our side. */
export function exportFailureReason(failure: SlackFailure | null): string {
  if (failure === null) return 'something went wrong on our side';
  switch (failure.kind) {
    case 'rate_limited':
      return 'Slack kept asking me to slow down';
    case 'channel':
      return `Slack would not let me send you a direct message (${code(failure.error)})`;
    case 'auth':
      return 'Slack refused the app’s token, so a workspace admin must reinstall Debt Triage';
    case 'platform':
      return failure.error === 'missing_scope'
        ? 'the app lacks Slack’s permission to send files (`files:write`), so a workspace admin must reinstall Debt Triage'
        : `Slack refused the file (${code(failure.error)})`;
    case 'transient':
      return failure.unknown
        ? `Slack kept answering ${code(failure.error)}`
        : 'Slack did not answer in time, several times';
  }
}

export function buildExportFailed(reason: string): Message {
  return buildNotice(`Your export could not be delivered: ${reason}; nothing was changed. Try again later.`);
}
