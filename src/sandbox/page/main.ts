// The sandbox page's entry point (bundled to /sandbox.js): builds the frame and starts the controller as the
// viewer chosen by `?user=`, else the one remembered in this browser, else the stand-in's first person.
import { startPage } from './page.ts';
import { buildShell } from './shell.ts';

const STORAGE_KEY = 'debt-triage-sandbox.user';

/** A user id, not an empty or stringified nothing (an older page could have stored "undefined"). */
const usable = (user: string | null | undefined): user is string =>
  typeof user === 'string' && user !== '' && user !== 'undefined' && user !== 'null';

function initialUser(): string | null {
  const fromQuery = new URLSearchParams(window.location.search).get('user');
  if (usable(fromQuery)) return fromQuery;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return usable(stored) ? stored : null;
  } catch {
    // Storage can be off (private mode, file://): the page still works, it just forgets the viewer.
    return null;
  }
}

function rememberUser(user: string): void {
  if (!usable(user)) return;
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
