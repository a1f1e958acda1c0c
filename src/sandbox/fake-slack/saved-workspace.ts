// What a workspace keeps between two runs of the sandbox: its messages, Home tabs and the files they show.
// Interactions in flight (triggers, response URLs, open modals, ephemeral messages) are not kept: Slack forgets
// them too.
import { z } from 'zod';
import { isObj } from './block-rules.ts';
import type { SlackState } from './state.ts';
import type { FakeFile, StoredMessage, StoredView } from './types.ts';

/** StoredMessage field by field: a field the schema does not name is dropped on reading. */
const MessageSchema = z.object({
  type: z.literal('message'),
  ts: z.string(),
  channel: z.string(),
  user: z.string(),
  bot_id: z.string().optional(),
  text: z.string(),
  blocks: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
  metadata: z.unknown().optional(),
  thread_ts: z.string().optional(),
  edited: z.object({ user: z.string(), ts: z.string() }).optional(),
  files: z.array(z.unknown()).optional(),
  upload: z.boolean().optional(),
  reply_count: z.number().optional(),
  reply_users_count: z.number().optional(),
  reply_users: z.array(z.string()).optional(),
  latest_reply: z.string().optional(),
}) satisfies z.ZodType<StoredMessage>;

/** A view is the app's own JSON plus what Slack adds: every field is kept. */
const ViewSchema = z.looseObject({
  id: z.string(),
  team_id: z.string(),
  hash: z.string(),
  user_id: z.string().optional(),
  external_id: z.string().optional(),
}) satisfies z.ZodType<StoredView>;

/** A FakeFile with its bytes in base64. */
const FileSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  altText: z.string().optional(),
  snippetType: z.string().optional(),
  length: z.number().int().nonnegative(),
  bytes: z.string(),
  received: z.number().int().nonnegative(),
  sha256: z.string(),
  imageType: z.enum(['png', 'jpeg', 'gif']).nullable(),
  uploaded: z.boolean(),
  completed: z.boolean(),
  channels: z.array(z.string()),
  created: z.number(),
}) satisfies z.ZodType<Omit<FakeFile, 'bytes'> & { bytes: string }>;

export const SavedWorkspaceSchema = z.object({
  v: z.literal(1),
  teamId: z.string(),
  /** By channel id (a DM as `D<user>`), oldest first, thread replies included. */
  messages: z.array(z.tuple([z.string(), z.array(MessageSchema)])),
  /** By user id. */
  homes: z.array(z.tuple([z.string(), ViewSchema])),
  files: z.array(FileSchema),
  counters: z.object({
    lastTsMicros: z.number().nonnegative(),
    viewSeq: z.number().int().nonnegative(),
    fileSeq: z.number().int().nonnegative(),
  }),
});

export type SavedWorkspace = z.infer<typeof SavedWorkspaceSchema>;

/** A saved workspace read back (JSON.parse'd), or null when it is not one. */
export function parseSavedWorkspace(raw: unknown): SavedWorkspace | null {
  const parsed = SavedWorkspaceSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * The files a saved message or Home tab still shows: a file share's `files`, and any `slack_file` an image names
 * by id. A chart shown only in an ephemeral goes with the ephemeral.
 */
function shownFiles(messages: StoredMessage[], homes: StoredView[]): Set<string> {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const n of node) walk(n);
    else if (isObj(node)) {
      if (isObj(node.slack_file) && typeof node.slack_file.id === 'string') ids.add(node.slack_file.id);
      for (const v of Object.values(node)) walk(v);
    }
  };
  for (const m of messages) {
    for (const f of m.files ?? []) if (isObj(f) && typeof f.id === 'string') ids.add(f.id);
    walk(m.blocks);
    walk(m.attachments);
  }
  for (const view of homes) walk(view.blocks);
  return ids;
}

export function saveWorkspace(state: SlackState): SavedWorkspace {
  const homes: [string, StoredView][] = [];
  for (const [userId, viewId] of state.homes) {
    const view = state.views.get(viewId);
    if (view) homes.push([userId, view]);
  }
  const messages = [...state.messages];
  const shown = shownFiles(
    messages.flatMap(([, list]) => list),
    homes.map(([, view]) => view),
  );
  return {
    v: 1,
    teamId: state.teamId,
    messages,
    homes,
    files: [...state.files.values()]
      .filter((f) => shown.has(f.id))
      .map((f) => ({ ...f, bytes: f.bytes.toString('base64') })),
    counters: { ...state.counters },
  };
}

/** Replaces the workspace's messages, Home tabs and files with saved ones (of the same team). */
export function restoreWorkspace(state: SlackState, saved: SavedWorkspace): void {
  if (saved.v !== 1 || saved.teamId !== state.teamId) throw new Error('not a saved workspace of this team');
  state.messages.clear();
  for (const [channel, list] of saved.messages) state.messages.set(channel, list);
  for (const [userId, view] of saved.homes) {
    state.views.set(view.id, view);
    state.homes.set(userId, view.id);
  }
  state.files.clear();
  for (const f of saved.files) state.files.set(f.id, { ...f, bytes: Buffer.from(f.bytes, 'base64') });
  Object.assign(state.counters, saved.counters);
}
