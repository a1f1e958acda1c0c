// The page's controller: what the viewer looks at (user, channel, thread, Home), the long-poll that keeps the
// state fresh, and the POSTs for what the viewer does. Rendering is keyed, so an update rebuilds only what changed.
import type { ActionSource, SandboxMessage, SandboxState } from '../contract.ts';
import { type Answer, post } from './api.ts';
import { bindComposer, buildThreadPane, type ThreadPane } from './composer.ts';
import { own } from './json.ts';
import { type MessageContext, renderMessageList, renderThreadMessages } from './messages.ts';
import { createToasts, renderProblems } from './notices.ts';
import { createSurface, mrkdwnContext, type Session } from './session.ts';
import type { Shell } from './shell.ts';
import { channelLabel, renderChannelList, renderUserSwitcher } from './sidebar.ts';
import { collectStateValues } from './state-values.ts';
import { type RegisteredField, readFields } from './surface.ts';
import { type RenderedView, renderEmptyHome, renderHome, renderModal, reuseOrRender } from './views.ts';
import { type StateWatch, watchState } from './watch.ts';

export interface PageOptions {
  initialUser: string | null;
  /** Remembers the viewer (localStorage and `?user=`) whenever it changes. */
  rememberUser(user: string): void;
}

export function startPage(shell: Shell, options: PageOptions): void {
  let user = options.initialUser;
  let state: SandboxState | null = null;
  let channel: string | null = null;
  let showingHome = false;
  let thread: ThreadPane | null = null;
  let paneKey = '';
  let paneChannel: string | null = null;
  let home: RenderedView | null = null;
  const modals = new Map<string, RenderedView>();
  const dismissedEphemerals = new Set<string>();
  const toasts = createToasts(shell.toasts);
  let poll = new AbortController();

  const session: Session = {
    // The switcher's choice wins at once: the state in hand is still the previous viewer's until the next poll.
    me: () => user ?? state?.me ?? '',
    accepted: <T>(answer: Answer<T>): answer is { ok: true } & T => {
      if (!answer.ok) toasts.notify('error', answer.error);
      return answer.ok;
    },
  };
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
        thread = null;
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

  /** The open channel's messages; a channel id is never looked up on Object.prototype. */
  function messagesIn(s: SandboxState): SandboxMessage[] {
    const messages = channel ? own(s.messages, channel) : undefined;
    return Array.isArray(messages) ? messages : [];
  }

  function openThread(ts: string) {
    const channelId = channel ?? '';
    thread = buildThreadPane(
      ts,
      async (text) => accepted(await post('command', { user: me(), channel: channelId, text, threadTs: ts })),
      () => {
        thread = null;
        render();
      },
    );
    render();
  }

  function drawPane(s: SandboxState) {
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
    const messages = messagesIn(s);
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
    const messages = messagesIn(s);
    if (!thread || showingHome) {
      shell.thread.replaceChildren();
      return;
    }
    const key = JSON.stringify([
      messages.filter((m) => m.ts === thread?.parentTs || m.threadTs === thread?.parentTs),
      s.users,
      [...dismissedEphemerals],
    ]);
    if (thread.key !== key) {
      thread.key = key;
      thread.body.replaceChildren(
        renderThreadMessages(
          thread.parentTs,
          messages,
          messageContext(s, channel ?? ''),
          dismissedEphemerals,
        ),
      );
      thread.body.scrollTop = thread.body.scrollHeight;
    }
    if (shell.thread.firstChild !== thread.root) shell.thread.replaceChildren(thread.root);
  }

  function drawModal(s: SandboxState) {
    const top = s.modals.at(-1);
    // Views lower in the stack keep their rendering, so going back shows what was typed there.
    for (const id of modals.keys()) if (!s.modals.some((v) => v.id === id)) modals.delete(id);
    if (!top) {
      shell.modal.replaceChildren();
      return;
    }
    const isNew = !modals.has(top.id);
    const rendered = reuseOrRender(modals.get(top.id) ?? null, top, (fields) =>
      renderModal(top, surface(s, { kind: 'modal', viewId: top.id }, fields), s.modals.length, {
        submit: async (viewId, fields) => {
          const values = collectStateValues(readFields(fields));
          const answer = await post('submit', { user: me(), viewId, values });
          return accepted(answer) ? answer.errors : undefined;
        },
        close: (viewId) => void post('close', { user: me(), viewId }).then(accepted),
      }),
    );
    modals.set(top.id, rendered);
    if (shell.modal.firstChild !== rendered.root) {
      shell.modal.replaceChildren(rendered.root);
      if (isNew)
        rendered.root
          .querySelector<HTMLElement>(
            '.modal-body input, .modal-body textarea, .modal-body select, footer .btn',
          )
          ?.focus();
    }
  }

  function drawFrame(s: SandboxState) {
    shell.workspace.textContent = s.team.name;
    document.title = `${s.team.name} · Debt Triage sandbox`;
    renderUserSwitcher(shell.userSwitcher, s, me());
    renderChannelList(shell.channels, s, showingHome ? null : channel, (id) => {
      showingHome = false;
      if (channel !== id) thread = null;
      channel = id;
      render();
    });
    renderProblems(shell.problems, s.problems);
  }

  const PARTS = [
    ['frame', drawFrame],
    ['pane', drawPane],
    ['thread', drawThread],
    ['modal', drawModal],
    ['notices', (s: SandboxState) => toasts.sync(s.notices)],
  ] as const;

  /** Never throws: a part the state's odd content breaks is left as it was, and the rest is still drawn. */
  function render() {
    const s = state;
    if (!s) return;
    for (const [part, draw] of PARTS) {
      try {
        draw(s);
      } catch (error) {
        console.warn(`Could not draw the ${part}:`, error);
      }
    }
  }

  /** A restarted or reset sandbox: ids cached under the old bootId (ts, view ids, notice ids) may mean others now. */
  function forgetOldSandbox(next: SandboxState) {
    dismissedEphemerals.clear();
    modals.clear();
    home = null;
    paneKey = '';
    paneChannel = null;
    toasts.clear();
    const parentTs = thread?.parentTs;
    if (!messagesIn(next).some((m) => m.ts === parentTs)) thread = null;
    else if (thread) thread.key = '';
  }

  function apply(next: SandboxState) {
    if (state && state.bootId !== next.bootId) forgetOldSandbox(next);
    state = next;
    if (next.me && user !== next.me) {
      user = next.me;
      options.rememberUser(next.me);
    }
    if (!channel || !next.channels.some((c) => c.id === channel)) {
      channel = (next.channels.find((c) => !c.isDm) ?? next.channels[0])?.id ?? null;
      thread = null;
    }
    render();
  }

  const watch: StateWatch = {
    user: () => user,
    apply,
    waiting: (why) => {
      shell.status.hidden = why === null;
      shell.status.textContent = state ? 'Reconnecting…' : 'Starting…';
      shell.status.title = why ?? '';
    },
  };

  /** A new viewer sees a new workspace: their own modals, Home, ephemerals and notices. */
  function restart() {
    poll.abort();
    poll = new AbortController();
    thread = null;
    home = null;
    paneKey = '';
    paneChannel = null;
    modals.clear();
    dismissedEphemerals.clear();
    toasts.clear();
    // The new poll says so again if the sandbox is still away.
    shell.status.hidden = true;
    void watchState(watch, poll.signal);
  }

  shell.userSwitcher.addEventListener('change', () => {
    const chosen = shell.userSwitcher.value;
    if (!chosen || chosen === user) return;
    user = chosen;
    options.rememberUser(chosen);
    restart();
  });
  shell.homeTab.addEventListener('click', () => {
    showingHome = true;
    render();
    void post('home', { user: me() }).then(accepted);
  });
  shell.runDigest.addEventListener('click', () => {
    if (!channel) return toasts.notify('error', 'Choose a channel first.');
    void post('digest', { user: me(), channel }).then(accepted);
  });
  const reset = (demo: boolean) => {
    const what = demo ? "the demo team's backlog" : 'an empty workspace';
    if (!window.confirm(`Reset the sandbox to ${what}? Everything in it now is lost.`)) return;
    void post('reset', { demo }).then((answer) => {
      if (accepted(answer)) restart();
    });
  };
  shell.resetDemo.addEventListener('click', () => reset(true));
  shell.resetEmpty.addEventListener('click', () => reset(false));
  bindComposer(shell.composer, shell.send, async (text) =>
    channel ? accepted(await post('command', { user: me(), channel, text })) : false,
  );
  document.addEventListener('keydown', (event) => {
    const top = state?.modals.at(-1);
    if (event.key === 'Escape' && top) void post('close', { user: me(), viewId: top.id }).then(accepted);
  });
  void watchState(watch, poll.signal);
}
