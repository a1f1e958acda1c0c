// What the viewer does with the shell's own controls, outside Block Kit: switch user, open Home, run the
// digest, reset the sandbox, type in the composer, and Escape out of a modal.
import { post } from './api.ts';
import { bindComposer } from './composer.ts';
import type { Toasts } from './notices.ts';
import type { Session } from './session.ts';
import type { Shell } from './shell.ts';
import type { Viewer } from './viewer.ts';

export interface Controller {
  /** Draws the viewer's state again (e.g. after switching to Home). */
  render(): void;
  /** Starts over as a new viewer, or in a reset sandbox: caches dropped, a new poll. */
  restart(): void;
  /** Remembers the viewer (localStorage and `?user=`). */
  rememberUser(user: string): void;
}

export function bindShellActions(
  shell: Shell,
  viewer: Viewer,
  session: Session,
  toasts: Toasts,
  controller: Controller,
): void {
  const { me, accepted } = session;
  shell.userSwitcher.addEventListener('change', () => {
    const chosen = shell.userSwitcher.value;
    if (!chosen || chosen === viewer.user) return;
    viewer.user = chosen;
    controller.rememberUser(chosen);
    controller.restart();
  });
  shell.homeTab.addEventListener('click', () => {
    viewer.showingHome = true;
    controller.render();
    void post('home', { user: me() }).then(accepted);
  });
  shell.runDigest.addEventListener('click', () => {
    const channel = viewer.channel;
    if (!channel) return toasts.notify('error', 'Choose a channel first.');
    void post('digest', { user: me(), channel }).then(accepted);
  });
  const reset = (demo: boolean) => {
    const what = demo ? "the demo team's backlog" : 'an empty workspace';
    if (!window.confirm(`Reset the sandbox to ${what}? Everything in it now is lost.`)) return;
    void post('reset', { demo }).then((answer) => {
      if (accepted(answer)) controller.restart();
    });
  };
  shell.resetDemo.addEventListener('click', () => reset(true));
  shell.resetEmpty.addEventListener('click', () => reset(false));
  bindComposer(shell.composer, shell.send, async (text) => {
    const channel = viewer.channel;
    return channel ? accepted(await post('command', { user: me(), channel, text })) : false;
  });
  document.addEventListener('keydown', (event) => {
    const top = viewer.state?.modals.at(-1);
    if (event.key === 'Escape' && top) void post('close', { user: me(), viewId: top.id }).then(accepted);
  });
}
