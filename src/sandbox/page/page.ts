// The page's controller: the long-poll that keeps the viewer's state fresh and what changes when a new state
// arrives, a sandbox restarts or the viewer switches user. Drawing is draw.ts's; the shell's controls are
// shell-actions.ts's.
import type { SandboxState } from '../contract.ts';
import type { Answer } from './api.ts';
import { createDrawing } from './draw.ts';
import { createToasts } from './notices.ts';
import type { Session } from './session.ts';
import type { Shell } from './shell.ts';
import { bindShellActions } from './shell-actions.ts';
import { createViewer, messagesIn } from './viewer.ts';
import { type StateWatch, watchState } from './watch.ts';

export interface PageOptions {
  initialUser: string | null;
  /** Remembers the viewer (localStorage and `?user=`) whenever it changes. */
  rememberUser(user: string): void;
}

export function startPage(shell: Shell, options: PageOptions): void {
  const viewer = createViewer(options.initialUser);
  const toasts = createToasts(shell.toasts);
  let poll = new AbortController();

  const session: Session = {
    // The switcher's choice wins at once: the state in hand is still the previous viewer's until the next poll.
    me: () => viewer.user ?? viewer.state?.me ?? '',
    accepted: <T>(answer: Answer<T>): answer is { ok: true } & T => {
      if (!answer.ok) toasts.notify('error', answer.error);
      return answer.ok;
    },
  };
  const drawing = createDrawing(shell, viewer, session, toasts);
  const { render } = drawing;

  /** A restarted or reset sandbox: ids cached under the old bootId (ts, view ids, notice ids) may mean others now. */
  function forgetOldSandbox(next: SandboxState) {
    drawing.forget();
    toasts.clear();
    const parentTs = viewer.thread?.parentTs;
    if (!messagesIn(viewer, next).some((m) => m.ts === parentTs)) viewer.thread = null;
    else if (viewer.thread) viewer.thread.key = '';
  }

  function apply(next: SandboxState) {
    if (viewer.state && viewer.state.bootId !== next.bootId) forgetOldSandbox(next);
    viewer.state = next;
    if (next.me && viewer.user !== next.me) {
      viewer.user = next.me;
      options.rememberUser(next.me);
    }
    const channel = viewer.channel;
    if (!channel || !next.channels.some((c) => c.id === channel)) {
      viewer.channel = (next.channels.find((c) => !c.isDm) ?? next.channels[0])?.id ?? null;
      viewer.thread = null;
    }
    render();
  }

  const watch: StateWatch = {
    user: () => viewer.user,
    apply,
    waiting: (why) => {
      shell.status.hidden = why === null;
      shell.status.textContent = viewer.state ? 'Reconnecting…' : 'Starting…';
      shell.status.title = why ?? '';
    },
  };

  /** A new viewer sees a new workspace: their own modals, Home, ephemerals and notices. */
  function restart() {
    poll.abort();
    poll = new AbortController();
    viewer.thread = null;
    drawing.forget();
    toasts.clear();
    // The new poll says so again if the sandbox is still away.
    shell.status.hidden = true;
    void watchState(watch, poll.signal);
  }

  bindShellActions(shell, viewer, session, toasts, {
    render,
    restart,
    rememberUser: options.rememberUser,
  });
  void watchState(watch, poll.signal);
}
