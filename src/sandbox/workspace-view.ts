// The workspace as one person sees it (GET /sandbox/state): their channels, messages with their ephemerals,
// their modal stack and Home tab, and what the stand-in refused.
import type { SandboxChannel, SandboxFile, SandboxMessage, SandboxState, SandboxView } from './contract.ts';
import { BOT_USER_ID, type FakeSlack, type StoredMessage, type StoredView } from './fake-slack.ts';
import type { SandboxSession } from './session.ts';
import { CHANNEL_SPECS, SANDBOX_TEAM_NAME, visibleTo } from './workspace.ts';

const ORDER: readonly string[] = CHANNEL_SPECS.map((c) => c.id);
const rank = (id: string): number => {
  const i = ORDER.indexOf(id);
  return i < 0 ? ORDER.length : i;
};

function filesOf(fake: FakeSlack, m: StoredMessage): SandboxFile[] {
  const out: SandboxFile[] = [];
  for (const entry of m.files ?? []) {
    const id = typeof entry === 'object' && entry !== null && 'id' in entry ? String(entry.id) : '';
    const file = fake.file(id);
    if (!file) continue;
    const url = `/sandbox/files/${encodeURIComponent(file.id)}`;
    out.push({ id: file.id, name: file.name, title: file.title, url, isImage: file.imageType !== null });
  }
  return out;
}

function messageOf(fake: FakeSlack, m: StoredMessage, ephemeral: boolean) {
  const threadTs = m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : undefined;
  const out: SandboxMessage = {
    ts: m.ts,
    // An ephemeral message is stored under the one person who sees it; it comes from the app.
    user: ephemeral ? BOT_USER_ID : m.user,
    text: m.text,
    // The thread summary the stand-in keeps on a parent, as Slack does (reply_count).
    replyCount: m.reply_count ?? 0,
    edited: m.edited !== undefined,
    ephemeral,
    files: filesOf(fake, m),
  };
  if (m.blocks) out.blocks = m.blocks;
  if (threadTs) out.threadTs = threadTs;
  return out;
}

/** A channel's messages for one viewer, in ts order: everyone's, plus the viewer's own ephemerals. */
function channelMessages(fake: FakeSlack, channelId: string, userId: string): SandboxMessage[] {
  const shared = fake.messages(channelId);
  const mine = fake.ephemerals(channelId, userId);
  const all = [...shared.map((m) => messageOf(fake, m, false)), ...mine.map((m) => messageOf(fake, m, true))];
  return all.sort((a, b) => Number(a.ts) - Number(b.ts));
}

function viewOf(view: StoredView, errors: Record<string, string> | undefined): SandboxView {
  const { state: _state, ...rest } = view;
  return { id: view.id, view: rest, errors: errors ?? {} };
}

export function workspaceFor(session: SandboxSession, userId: string): SandboxState {
  const fake = session.fake;
  const channels: SandboxChannel[] = fake
    .channels()
    .filter((c) => visibleTo(c, userId) && !c.is_archived)
    .sort((a, b) => rank(a.id) - rank(b.id))
    .map((c) => ({ id: c.id, name: c.name, isPrivate: c.is_private, isDm: false }));
  channels.push({ id: `D${userId}`, name: 'Debt Triage', isPrivate: true, isDm: true });
  const messages: Record<string, SandboxMessage[]> = {};
  for (const c of channels) messages[c.id] = channelMessages(fake, c.id, userId);
  const home = fake.home(userId);
  return {
    version: session.version,
    bootId: session.bootId,
    team: { id: fake.teamId, name: SANDBOX_TEAM_NAME },
    me: userId,
    users: fake.users().map((u) => ({
      id: u.id,
      name: u.name,
      realName: u.real_name,
      isAdmin: u.is_admin,
      isBot: u.is_bot,
    })),
    channels,
    messages,
    modals: fake.modalStack(userId).map((v) => viewOf(v, session.viewErrors.get(v.id))),
    home: home ? viewOf(home, undefined) : null,
    shortcuts: session.shortcuts,
    problems: [...fake.violations],
    notices: session.noticesFor(userId),
  };
}
