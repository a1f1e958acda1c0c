// `/debt export [all]` (SPEC §2.10): the items a user may see, paged and scored, written as CSV to a temporary file and DM'd.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { webApi } from '@slack/bolt';
import { stringify } from 'csv-stringify';
import { buildExportEmpty, type ExportScope, exportComment } from '../../blocks/export-messages.ts';
import type { Deps } from '../deps.ts';
import { CSV_FORMAT, EXPORT_HEADER, exportRow } from '../domain/export-columns.ts';
import type { Item } from '../domain/item.ts';
import { canSeeItem } from '../domain/permissions.ts';
import { isWorkspaceAdmin } from './admins.ts';
import { tellUser } from './tell-user.ts';
import { uploadFile } from './upload-file.ts';
import { workspaceUrl } from './workspace-links.ts';

/** Items read, scored and written at a time: what the export holds in memory, whatever the workspace's size. */
export const EXPORT_PAGE_SIZE = 500;

export type ExportDeps = Pick<Deps, 'items' | 'scores' | 'adminCache' | 'clock' | 'logger'>;

export interface ExportRequest {
  teamId: string;
  userId: string;
  /** Where the command was typed: the channel exported (`channel`), and named in the messages. */
  channelId: string;
  scope: ExportScope;
}

export interface ExportOptions {
  /** Where the temporary directory goes; default the OS's. */
  tmpRoot?: string;
  pageSize?: number;
}

interface Reading {
  req: ExportRequest;
  /** Every item of the scope is visible: a channel asked from inside it, or a workspace admin's `all`. */
  everything: boolean;
  workspaceUrl: string | null;
  pageSize: number;
  rows: number;
}

/**
 * Privacy (§1.6): a channel's export holds all its items, private channel or not, since it is asked from inside
 * the channel; `all` holds what `canSeeItem` lets the user see outside any channel, unless they are an admin.
 */
function visible(reading: Reading, page: Item[]): Item[] {
  return reading.everything ? page : page.filter((item) => canSeeItem(item, reading.req.userId, null));
}

/** The CSV rows, a page of items at a time, in item number order; `reading.rows` counts them. */
async function* exportRows(deps: ExportDeps, reading: Reading): AsyncGenerator<string[]> {
  const { teamId, channelId, scope } = reading.req;
  const now = deps.clock.now();
  for (let after = 0; ; ) {
    const page = await deps.items.page(
      teamId,
      scope === 'channel' ? channelId : null,
      after,
      reading.pageSize,
    );
    const last = page.at(-1);
    if (!last) return;
    after = last.id;
    const shown = visible(reading, page);
    if (shown.length === 0) continue;
    for (const { item, score, pain } of await deps.scores.score(teamId, shown)) {
      reading.rows++;
      yield exportRow({ item, score, pain, workspaceUrl: reading.workspaceUrl, now });
    }
  }
}

const datePart = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Writes the user's export to a temporary file (streamed: never one string in memory) and sends it to them by
 * DM with a comment saying what it holds. With no visible item there is no file: a DM says there is nothing to
 * export, which reads better than a header-only file. The temporary file is removed whatever happens; a Slack
 * failure is thrown for the caller (a job) to retry or report.
 */
export async function exportItems(
  deps: ExportDeps,
  req: ExportRequest,
  client: webApi.WebClient,
  options: ExportOptions = {},
): Promise<{ rows: number }> {
  const started = Date.now();
  const everything =
    req.scope === 'channel' || (await isWorkspaceAdmin(deps, client, req.teamId, req.userId));
  const reading: Reading = {
    req,
    everything,
    workspaceUrl: await workspaceUrl(client, deps.logger),
    pageSize: options.pageSize ?? EXPORT_PAGE_SIZE,
    rows: 0,
  };
  const dir = await mkdtemp(join(options.tmpRoot ?? tmpdir(), 'debt-export-'));
  try {
    const date = datePart(deps.clock.now());
    const filename = `debt-export-${req.scope === 'channel' ? req.channelId : 'all'}-${date}.csv`;
    const path = join(dir, filename);
    await pipeline(
      Readable.from(exportRows(deps, reading)),
      stringify({ header: true, columns: [...EXPORT_HEADER], ...CSV_FORMAT }),
      createWriteStream(path),
    );
    if (reading.rows === 0) {
      await tellUser(deps, client, req.userId, buildExportEmpty(req.scope, req.channelId), null);
      return { rows: 0 };
    }
    const dm = await client.conversations.open({ users: req.userId });
    if (!dm.channel?.id) throw new Error('conversations.open returned no channel');
    const { fileId } = await uploadFile(
      client,
      {
        filename,
        title: `Debt export ${date}`,
        content: { path },
        channelId: dm.channel.id,
        initialComment: exportComment(req.scope, req.channelId, reading.rows, everything),
      },
      deps.logger,
    );
    deps.logger.info('export delivered', {
      teamId: req.teamId,
      userId: req.userId,
      scope: req.scope,
      rows: reading.rows,
      bytes: (await stat(path)).size,
      fileId,
      ms: Date.now() - started,
    });
    return { rows: reading.rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
