// A composer: Enter sends, Shift+Enter adds a line; the text stays when the stand-in refuses it.
import { el } from './dom.ts';

/** `send` answers whether the text went through; only then is the box cleared. */
export function bindComposer(
  box: HTMLTextAreaElement,
  button: HTMLButtonElement,
  send: (text: string) => Promise<boolean>,
): void {
  const submit = async () => {
    const text = box.value.trim();
    if (!text) return;
    const sent = await send(text);
    // The viewer may have typed on while the request ran: clear only what was sent.
    if (sent && box.value.trim() === text) box.value = '';
  };
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    void submit();
  });
  button.addEventListener('click', () => void submit());
}

export interface ThreadPane {
  parentTs: string;
  root: HTMLElement;
  body: HTMLElement;
  /** What `body` shows, so an unrelated update leaves it (and its scroll position) alone. */
  key: string;
}

/** The thread's frame, built once per open thread so its composer keeps what is typed. */
export function buildThreadPane(
  parentTs: string,
  send: (text: string) => Promise<boolean>,
  close: () => void,
): ThreadPane {
  const composer = el('textarea', {
    'data-testid': 'thread-composer',
    rows: 2,
    'aria-label': 'Reply',
    placeholder: 'Reply…',
  });
  const sendButton = el('button', { type: 'button', class: 'btn btn-primary' }, 'Reply');
  const closeButton = el('button', { type: 'button', class: 'icon', 'aria-label': 'Close thread' }, '×');
  bindComposer(composer, sendButton, send);
  closeButton.addEventListener('click', close);
  const body = el('div', { class: 'thread-body' });
  const root = el(
    'aside',
    { class: 'thread', 'data-testid': 'thread-pane', 'data-thread-ts': parentTs, 'aria-label': 'Thread' },
    el('header', {}, el('h2', {}, 'Thread'), closeButton),
    body,
    el('div', { class: 'composer' }, composer, sendButton),
  );
  return { parentTs, root, body, key: '' };
}
