// The sandbox page's entry point (bundled to /sandbox.js): builds the frame and starts the controller as the
// viewer chosen by `?user=`, else the one remembered in this browser, else the stand-in's first person.
import { startPage } from './page.ts';
import { buildShell } from './shell.ts';

const STORAGE_KEY = 'debt-triage-sandbox.user';

function initialUser(): string | null {
  const fromQuery = new URLSearchParams(window.location.search).get('user');
  if (fromQuery) return fromQuery;
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be off (private mode, file://): the page still works, it just forgets the viewer.
    return null;
  }
}

function rememberUser(user: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, user);
  } catch {
    // See initialUser: forgetting is fine.
  }
  const url = new URL(window.location.href);
  url.searchParams.set('user', user);
  window.history.replaceState(null, '', url);
}

/** Clicking anywhere else closes an open ⋯ menu, as a menu should. */
document.addEventListener('click', (event) => {
  for (const popup of document.querySelectorAll<HTMLDetailsElement>('details.popup[open]')) {
    if (!(event.target instanceof Node && popup.contains(event.target))) popup.open = false;
  }
});

startPage(buildShell(document.getElementById('app') ?? document.body), {
  initialUser: initialUser(),
  rememberUser,
});
