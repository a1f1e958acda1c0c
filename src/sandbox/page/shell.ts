// The page's fixed frame, built once: top bar, channel list, main pane with the composer, thread and modal slots.
// The composer lives here, outside anything re-rendered, so what the viewer types is never lost.
import { el } from './dom.ts';

export interface Shell {
  workspace: HTMLElement;
  userSwitcher: HTMLSelectElement;
  homeTab: HTMLButtonElement;
  runDigest: HTMLButtonElement;
  resetDemo: HTMLButtonElement;
  resetEmpty: HTMLButtonElement;
  /** A quiet line while the sandbox starts, resets or cannot be reached. */
  status: HTMLElement;
  problems: HTMLElement;
  channels: HTMLElement;
  title: HTMLElement;
  content: HTMLElement;
  composerBox: HTMLElement;
  composer: HTMLTextAreaElement;
  send: HTMLButtonElement;
  thread: HTMLElement;
  toasts: HTMLElement;
  modal: HTMLElement;
}

const button = (testId: string, text: string, className = 'btn') =>
  el('button', { type: 'button', class: className, 'data-testid': testId }, text);

export function buildShell(root: HTMLElement): Shell {
  const shell: Shell = {
    workspace: el('strong', { class: 'workspace' }, 'Sandbox'),
    userSwitcher: el('select', { 'data-testid': 'user-switcher', id: 'user-switcher' }),
    homeTab: button('home-tab', '🏠 Home'),
    runDigest: button('run-digest', 'Run digest now'),
    resetDemo: button('reset-demo', 'Reset: demo data'),
    resetEmpty: button('reset-empty', 'Reset: empty workspace'),
    status: el('div', { class: 'status-line', role: 'status', 'data-testid': 'connection', hidden: true }),
    problems: el('div', { class: 'problems-slot' }),
    channels: el('ul', { class: 'channel-list' }),
    title: el('h1', { class: 'pane-title' }),
    content: el('div', { class: 'pane-content', tabindex: -1 }),
    composer: el('textarea', {
      'data-testid': 'composer',
      rows: 2,
      'aria-label': 'Message',
      placeholder: 'Message, or a command: /debt help',
    }),
    send: button('composer-send', 'Send', 'btn btn-primary'),
    composerBox: el('div', { class: 'composer' }),
    thread: el('div', { class: 'thread-slot' }),
    toasts: el('div', { class: 'toasts', 'aria-live': 'polite' }),
    modal: el('div', { class: 'modal-slot' }),
  };
  shell.composerBox.append(
    shell.composer,
    shell.send,
    el(
      'div',
      { class: 'composer-hint' },
      'Enter sends, Shift+Enter adds a line. Try ',
      el('code', {}, '/debt help'),
      '.',
    ),
  );
  root.replaceChildren(
    el(
      'header',
      { class: 'topbar' },
      shell.workspace,
      el('label', { for: 'user-switcher', class: 'switcher' }, 'Viewing as ', shell.userSwitcher),
      shell.homeTab,
      shell.runDigest,
      el('span', { class: 'spacer' }),
      shell.resetDemo,
      shell.resetEmpty,
    ),
    shell.status,
    shell.problems,
    el(
      'div',
      { class: 'layout' },
      el('nav', { class: 'sidebar', 'aria-label': 'Channels' }, el('h2', {}, 'Channels'), shell.channels),
      el('main', { class: 'pane' }, shell.title, shell.content, shell.composerBox),
      shell.thread,
    ),
    shell.toasts,
    shell.modal,
  );
  return shell;
}
