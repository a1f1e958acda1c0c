// What the stand-in wants seen: its answers and Slack's error codes as toasts, and every payload Slack would
// reject in one red panel.
import type { SandboxNotice } from '../contract.ts';
import { el } from './dom.ts';

/** Only the latest few: older answers are history, not news. */
const MAX_TOASTS = 4;
/** An answer that went well fades after a while; an error stays until dismissed, so it is not missed. */
const INFO_TOAST_MS = 6000;

/** The toasts: the stand-in's notices as they first arrive, and the page's own (refusals, lost connection). */
export interface Toasts {
  notify(level: SandboxNotice['level'], text: string): void;
  /** Adds the notices of a new state not seen before. */
  sync(notices: readonly SandboxNotice[]): void;
  clear(): void;
}

export function createToasts(container: HTMLElement): Toasts {
  const arrivals = new Map<number, { notice: SandboxNotice; at: number }>();
  const dismissed = new Set<number>();
  // The page's own notices count down from -1, so they never collide with the stand-in's.
  let ownId = 0;
  const fadeLater = (notice: SandboxNotice) => {
    if (notice.level === 'info') setTimeout(() => dismiss(notice.id), INFO_TOAST_MS);
  };
  const dismiss = (id: number) => {
    dismissed.add(id);
    draw();
  };
  const draw = () => {
    const visible = [...arrivals.values()]
      .filter(({ notice }) => !dismissed.has(notice.id))
      .sort((a, b) => a.at - b.at)
      .map(({ notice }) => notice);
    renderToasts(container, visible, dismiss);
  };
  return {
    notify: (level, text) => {
      ownId--;
      const notice = { id: ownId, level, text };
      arrivals.set(ownId, { notice, at: Date.now() });
      fadeLater(notice);
      draw();
    },
    sync: (notices) => {
      for (const notice of notices) {
        if (arrivals.has(notice.id)) continue;
        arrivals.set(notice.id, { notice, at: Date.now() });
        fadeLater(notice);
      }
      draw();
    },
    clear: () => {
      arrivals.clear();
      dismissed.clear();
      draw();
    },
  };
}

function renderToasts(
  container: HTMLElement,
  notices: readonly SandboxNotice[],
  dismiss: (id: number) => void,
): void {
  container.replaceChildren(
    ...notices.slice(-MAX_TOASTS).map((notice) => {
      const close = el('button', { type: 'button', class: 'icon', 'aria-label': 'Dismiss' }, '×');
      close.addEventListener('click', () => dismiss(notice.id));
      return el(
        'div',
        {
          class: `toast toast-${notice.level}`,
          role: notice.level === 'error' ? 'alert' : 'status',
          'data-testid': 'notice',
          'data-level': notice.level,
        },
        el('span', {}, notice.text),
        close,
      );
    }),
  );
}

/** Present only while there are problems; keeps itself open or closed across updates. */
export function renderProblems(slot: HTMLElement, problems: readonly string[]): void {
  const open = slot.querySelector('details')?.open ?? false;
  if (problems.length === 0) {
    slot.replaceChildren();
    return;
  }
  const count = `${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`;
  const panel = el(
    'details',
    { class: 'problems', 'data-testid': 'problems', 'data-count': problems.length, open },
    el('summary', {}, `⚠ Slack would reject this: ${count}`),
    el('ol', {}, ...problems.map((p) => el('li', {}, p))),
  );
  slot.replaceChildren(panel);
}
