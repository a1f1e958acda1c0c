// What a workspace keeps between two runs of the sandbox: its messages, Home tabs and files. Interactions in
// flight (triggers, response URLs, open modals, ephemeral messages) are not kept: Slack forgets them too.
import type { SlackState } from './state.ts';
import type { FakeFile, StoredMessage, StoredView } from './types.ts';

export interface SavedWorkspace {
  v: 1;
  teamId: string;
  messages: [string, StoredMessage[]][];
  homes: [string, StoredView][];
  files: (Omit<FakeFile, 'bytes'> & { bytes: string })[];
  counters: SlackState['counters'];
}

export function saveWorkspace(state: SlackState): SavedWorkspace {
  const homes: [string, StoredView][] = [];
  for (const [userId, viewId] of state.homes) {
    const view = state.views.get(viewId);
    if (view) homes.push([userId, view]);
  }
  return {
    v: 1,
    teamId: state.teamId,
    messages: [...state.messages],
    homes,
    files: [...state.files.values()].map((f) => ({ ...f, bytes: f.bytes.toString('base64') })),
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
