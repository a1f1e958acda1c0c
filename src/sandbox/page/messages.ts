// A channel's messages and a thread: authors, the APP badge, ephemerals, files, replies and the ⋯ shortcut menu.
import type { SandboxFile, SandboxMessage, SandboxState } from '../contract.ts';
import { renderBlocks } from './blocks.ts';
import { couldNotRender, el } from './dom.ts';
import { isSafeHref, type MrkdwnContext } from './mrkdwn.ts';
import { mrkdwnToDom } from './mrkdwn-dom.ts';
import type { Surface } from './surface.ts';

export interface MessageContext {
  state: SandboxState;
  channel: string;
  mrkdwn: MrkdwnContext;
  /** A fresh surface for one message's blocks (its actions carry the message as their source). */
  surfaceFor(message: SandboxMessage): Surface;
  openThread(ts: string): void;
  dismiss(ts: string): void;
  runShortcut(ts: string, callbackId: string): void;
}

/** The message's time of day in the viewer's zone (ts is seconds since the epoch, with a counter). */
const timeOf = (ts: string) =>
  new Date(Number.parseFloat(ts) * 1000).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });

const isTopLevel = (m: SandboxMessage) => m.threadTs === undefined || m.threadTs === m.ts;

function renderFile(file: SandboxFile): HTMLElement {
  // The stand-in serves files itself; any other address is shown, not followed.
  if (!file.url.startsWith('/sandbox/files/') && !isSafeHref(file.url))
    return el('span', { class: 'file' }, `📄 ${file.title || file.name}`);
  return file.isImage
    ? el(
        'figure',
        { class: 'file' },
        el('img', { src: file.url, alt: file.title || file.name, loading: 'lazy' }),
        el('figcaption', {}, file.title || file.name),
      )
    : el(
        'a',
        { class: 'file file-download', href: file.url, download: file.name },
        `📄 ${file.title || file.name}`,
      );
}

/** Slack offers message shortcuts on real messages only: an ephemeral one has no ⋯ menu. */
function renderMenu(message: SandboxMessage, ctx: MessageContext): HTMLElement | null {
  if (message.ephemeral) return null;
  const menu = el('div', { class: 'menu', role: 'menu' });
  const popup = el(
    'details',
    { class: 'popup message-menu' },
    el('summary', { 'data-testid': `message-menu-${message.ts}`, 'aria-label': 'More actions' }, '⋯'),
    menu,
  );
  for (const shortcut of ctx.state.shortcuts) {
    const item = el(
      'button',
      { type: 'button', role: 'menuitem', 'data-testid': `shortcut-${shortcut.callbackId}` },
      shortcut.name,
    );
    item.addEventListener('click', () => {
      popup.open = false;
      ctx.runShortcut(message.ts, shortcut.callbackId);
    });
    menu.appendChild(item);
  }
  if (ctx.state.shortcuts.length === 0)
    menu.appendChild(el('span', { class: 'menu-note' }, 'No message shortcuts'));
  return popup;
}

/** One message; a malformed one becomes a note so the rest of the channel still shows. */
function renderMessageOrNote(message: SandboxMessage, ctx: MessageContext, inThread: boolean): HTMLElement {
  try {
    return renderMessage(message, ctx, inThread);
  } catch (error) {
    return couldNotRender(`Could not render message ${String(message.ts)}`, error);
  }
}

export function renderMessage(message: SandboxMessage, ctx: MessageContext, inThread: boolean): HTMLElement {
  const author = ctx.state.users.find((u) => u.id === message.user);
  const name = author ? author.realName || author.name : message.user;
  const blocks = message.blocks ?? [];
  const content =
    blocks.length > 0
      ? renderBlocks(blocks, ctx.surfaceFor(message))
      : el('div', { class: 'message-text' }, mrkdwnToDom(message.text, ctx.mrkdwn));
  const dismiss = el('button', { type: 'button', class: 'link' }, 'Dismiss message');
  dismiss.addEventListener('click', () => ctx.dismiss(message.ts));
  const replies =
    !inThread && message.replyCount > 0
      ? el(
          'button',
          { type: 'button', class: 'link replies' },
          `${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}`,
        )
      : null;
  replies?.addEventListener('click', () => ctx.openThread(message.ts));
  return el(
    'article',
    {
      class: `message${message.ephemeral ? ' ephemeral' : ''}`,
      'data-testid': `message-${message.ts}`,
      'data-user': message.user,
      'data-ephemeral': String(message.ephemeral),
    },
    el('div', { class: 'avatar', 'aria-hidden': 'true' }, (name[0] ?? '?').toUpperCase()),
    el(
      'div',
      { class: 'message-body' },
      el(
        'div',
        { class: 'message-meta' },
        el('span', { class: 'author' }, name),
        author?.isBot && el('span', { class: 'badge' }, 'APP'),
        el('time', {}, timeOf(message.ts)),
        message.edited && el('span', { class: 'edited' }, '(edited)'),
      ),
      message.ephemeral && el('div', { class: 'ephemeral-note' }, '👁 Only visible to you · ', dismiss),
      content,
      ...message.files.map(renderFile),
      replies,
    ),
    renderMenu(message, ctx),
  );
}

/** Top-level messages of the channel (thread replies live in the thread pane), minus dismissed ephemerals. */
export function renderMessageList(
  messages: readonly SandboxMessage[],
  ctx: MessageContext,
  dismissed: ReadonlySet<string>,
): HTMLElement {
  const shown = messages.filter((m) => isTopLevel(m) && !(m.ephemeral && dismissed.has(m.ts)));
  if (shown.length === 0) return el('p', { class: 'empty' }, 'No messages yet. Try /debt help.');
  return el('div', { class: 'message-list' }, ...shown.map((m) => renderMessageOrNote(m, ctx, false)));
}

/** The parent and its replies, in ts order. */
export function renderThreadMessages(
  parentTs: string,
  messages: readonly SandboxMessage[],
  ctx: MessageContext,
  dismissed: ReadonlySet<string>,
): HTMLElement {
  const parent = messages.find((m) => m.ts === parentTs);
  const replies = messages.filter(
    (m) => m.threadTs === parentTs && m.ts !== parentTs && !(m.ephemeral && dismissed.has(m.ts)),
  );
  return el(
    'div',
    { class: 'thread-messages' },
    parent ? renderMessageOrNote(parent, ctx, true) : el('p', { class: 'empty' }, 'This message is gone.'),
    el('div', { class: 'thread-count' }, `${replies.length} ${replies.length === 1 ? 'reply' : 'replies'}`),
    ...replies.map((m) => renderMessageOrNote(m, ctx, true)),
  );
}
