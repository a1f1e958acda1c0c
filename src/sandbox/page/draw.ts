// Drawing the state for the viewer, part by part (frame, pane, thread, modal, notices). Rendering is keyed, so
// an update rebuilds only what changed; `forget` drops what was drawn when the ids behind it may mean others.
import type { ActionSource, SandboxMessage, SandboxState } from '../contract.ts';
import { post } from './api.ts';
import { buildThreadPane } from './composer.ts';
import { createModalDrawing } from './draw-modal.ts';
import { type MessageContext, renderMessageList, renderThreadMessages } from './messages.ts';
import { renderProblems, type Toasts } from './notices.ts';
import { createSurface, mrkdwnContext, type Session } from './session.ts';
import type { Shell } from './shell.ts';
import { channelLabel, renderChannelList, renderUserSwitcher } from './sidebar.ts';
import type { RegisteredField } from './surface.ts';
import { messagesIn, type Viewer } from './viewer.ts';
import { type RenderedView, renderEmptyHome, renderHome, reuseOrRender } from './views.ts';

export interface Drawing {
  /** Never throws: a part the state's odd content breaks is left as it was, and the rest is still drawn. */
  render(): void;
  /** Drops every drawn part and the ephemerals dismissed, so the next render draws afresh. */
  forget(): void;
}

export function createDrawing(shell: Shell, viewer: Viewer, session: Session, toasts: Toasts): Drawing {
  let paneKey = '';
  let paneChannel: string | null = null;
  let home: RenderedView | null = null;
  const modal = createModalDrawing(shell.modal, session);
  const dismissedEphemerals = new Set<string>();
  const { me, accepted } = session;
  const surface = (s: SandboxState, source: ActionSource, fields: RegisteredField[]) =>
    createSurface(session, s, source, fields);

  function messageContext(s: SandboxState, channelId: string): MessageContext {
    return {
      state: s,
      channel: channelId,
      mrkdwn: mrkdwnContext(s),
      surfaceFor: (m: SandboxMessage) =>
        surface(s, { kind: 'message', channel: channelId, ts: m.ts, ephemeral: m.ephemeral }, []),
      openThread: (ts) => {
        viewer.thread = null;
        openThread(ts);
      },
      dismiss: (ts) => {
        dismissedEphemerals.add(ts);
        render();
      },
      runShortcut: (ts, callbackId) =>
        void post('shortcut', { user: me(), channel: channelId, ts, callbackId }).then(accepted),
    };
  }

  function openThread(ts: string) {
    const channelId = viewer.channel ?? '';
    viewer.thread = buildThreadPane(
      ts,
      async (text) => accepted(await post('command', { user: me(), channel: channelId, text, threadTs: ts })),
      () => {
        viewer.thread = null;
        render();
      },
    );
    render();
  }

  function drawPane(s: SandboxState) {
    const { channel, showingHome } = viewer;
    const current = s.channels.find((c) => c.id === channel);
    shell.title.textContent = showingHome ? 'Home' : current ? channelLabel(current) : '';
    shell.composerBox.hidden = showingHome || !current;
    shell.homeTab.setAttribute('aria-pressed', String(showingHome));
    if (showingHome) {
      const view = s.home;
      home = view
        ? reuseOrRender(home, view, (fields) =>
            renderHome(view, surface(s, { kind: 'home', viewId: view.id }, fields)),
          )
        : null;
      const root = home?.root ?? renderEmptyHome();
      if (shell.content.firstChild !== root || !home) shell.content.replaceChildren(root);
      paneKey = '';
      paneChannel = null;
      return;
    }
    const messages = messagesIn(viewer, s);
    const key = JSON.stringify([channel, messages, s.users, s.shortcuts, [...dismissedEphemerals]]);
    if (key === paneKey) return;
    const sameChannel = paneChannel === channel;
    paneChannel = channel;
    const box = shell.content;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    const scrollTop = box.scrollTop;
    paneKey = key;
    box.replaceChildren(renderMessageList(messages, messageContext(s, channel ?? ''), dismissedEphemerals));
    box.scrollTop = !sameChannel || atBottom ? box.scrollHeight : scrollTop;
  }

  function drawThread(s: SandboxState) {
    const messages = messagesIn(viewer, s);
    const thread = viewer.thread;
    if (!thread || viewer.showingHome) {
      shell.thread.replaceChildren();
      return;
    }
    const key = JSON.stringify([
      messages.filter((m) => m.ts === thread.parentTs || m.threadTs === thread.parentTs),
      s.users,
      [...dismissedEphemerals],
    ]);
    if (thread.key !== key) {
      thread.key = key;
      thread.body.replaceChildren(
        renderThreadMessages(
          thread.parentTs,
          messages,
          messageContext(s, viewer.channel ?? ''),
          dismissedEphemerals,
        ),
      );
      thread.body.scrollTop = thread.body.scrollHeight;
    }
    if (shell.thread.firstChild !== thread.root) shell.thread.replaceChildren(thread.root);
  }

  function drawFrame(s: SandboxState) {
    shell.workspace.textContent = s.team.name;
    document.title = `${s.team.name} · Debt Triage sandbox`;
    renderUserSwitcher(shell.userSwitcher, s, me());
    renderChannelList(shell.channels, s, viewer.showingHome ? null : viewer.channel, (id) => {
      viewer.showingHome = false;
      if (viewer.channel !== id) viewer.thread = null;
      viewer.channel = id;
      render();
    });
    renderProblems(shell.problems, s.problems);
  }

  const PARTS = [
    ['frame', drawFrame],
    ['pane', drawPane],
    ['thread', drawThread],
    ['modal', modal.draw],
    ['notices', (s: SandboxState) => toasts.sync(s.notices)],
  ] as const;

  function render() {
    const s = viewer.state;
    if (!s) return;
    for (const [part, draw] of PARTS) {
      try {
        draw(s);
      } catch (error) {
        console.warn(`Could not draw the ${part}:`, error);
      }
    }
  }

  function forget() {
    dismissedEphemerals.clear();
    modal.forget();
    home = null;
    paneKey = '';
    paneChannel = null;
  }

  return { render, forget };
}
