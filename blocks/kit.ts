// Small Block Kit constructors that enforce SPEC §4 limits, and the one escape for user text (SPEC §2.7).
import { clip } from '../src/lib/text.ts';
import { SLACK_LIMITS } from './limits.ts';

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
}
/** A Block Kit block or element as JSON; builders keep their own shapes, Slack validates the rest. */
export type Block = { type: string } & Record<string, unknown>;

/** Makes user text inert in mrkdwn: no @channel, no user pings, no forged links (Slack's own three escapes). */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts to `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export const truncate = (text: string, max: number): string => clip(text, max, '…');

/** Truncates text that is already escaped (mrkdwn), without leaving half an entity (`&am…`) at the end. */
export function truncateEscaped(escaped: string, max: number): string {
  if (escaped.length <= max) return escaped;
  return truncate(escaped, max).replace(/&[a-z]{0,3}…$/, '…');
}

/** Escapes first, then truncates, without leaving half an entity (`&am…`) at the end. */
export function escapeAndTruncate(text: string, max: number): string {
  return truncateEscaped(escapeMrkdwn(text), max);
}

/** A word break is only worth it when it keeps at least this share of the room; else the text is cut hard. */
const WORD_CUT_MIN_SHARE = 0.6;

/**
 * Cuts to `max` UTF-16 units with an ellipsis at the last word boundary, so a title reads "…retrain the…"
 * rather than "…retrain the ran…". A single word longer than most of the room is cut hard (still whole
 * characters), as `truncate` does.
 */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = clip(text, max - 1);
  // The cut already falls between words when the next character is a space.
  const atBoundary = /\s/.test(text.charAt(room.length));
  const lastSpace = room.search(/\s\S*$/);
  const cut = !atBoundary && lastSpace >= max * WORD_CUT_MIN_SHARE ? room.slice(0, lastSpace) : room;
  // Trailing spaces and separators before the ellipsis; never `;`, which closes an entity such as `&amp;`.
  return `${cut.replace(/[\s,:–—-]+$/u, '')}…`;
}

/** Escapes first, then cuts at a word boundary, without leaving half an entity (`&am…`) at the end. */
export function escapeAndTruncateAtWord(text: string, max: number): string {
  const escaped = escapeMrkdwn(text);
  if (escaped.length <= max) return escaped;
  // Entities hold no spaces, so only a hard cut (one long word) can split one: drop the stub.
  return truncateAtWord(escaped, max).replace(/\s*&[a-z]{0,3}…$/, '…');
}

export const plain = (text: string, max: number = SLACK_LIMITS.sectionText): PlainText => ({
  type: 'plain_text',
  text: truncate(text, max),
  emoji: true,
});

/** Trusted mrkdwn (already escaped where it holds user text). */
export const mrkdwn = (text: string, max: number = SLACK_LIMITS.sectionText): Mrkdwn => ({
  type: 'mrkdwn',
  text: truncateEscaped(text, max),
});

export const header = (text: string): Block => ({
  type: 'header',
  text: plain(text, SLACK_LIMITS.headerText),
});

export const section = (text: string, accessory?: Block): Block => ({
  type: 'section',
  text: mrkdwn(text),
  ...(accessory ? { accessory } : {}),
});

export const fields = (items: readonly string[]): Block => ({
  type: 'section',
  fields: items.slice(0, SLACK_LIMITS.fieldsPerSection).map((t) => mrkdwn(t, SLACK_LIMITS.fieldText)),
});

export const context = (items: readonly string[]): Block => ({
  type: 'context',
  elements: items.slice(0, SLACK_LIMITS.contextElements).map((t) => mrkdwn(t)),
});

export const divider = (): Block => ({ type: 'divider' });

/** An image uploaded to Slack (files.completeUploadExternal), shown by file id; alt text ≤ 2000, title ≤ 2000. */
export const slackImage = (fileId: string, altText: string, title: string): Block => ({
  type: 'image',
  slack_file: { id: fileId },
  alt_text: truncate(altText, SLACK_LIMITS.imageText),
  title: plain(title, SLACK_LIMITS.imageText),
});

export interface ButtonOptions {
  value?: string;
  style?: 'primary' | 'danger';
  url?: string;
  confirm?: { title: string; text: string; confirm: string; deny: string };
  /** What a screen reader says instead of the text (≤ 75): "Vote on DEBT-12", not one more "Vote". */
  accessibilityLabel?: string;
}

export function button(actionId: string, text: string, options: ButtonOptions = {}): Block {
  const { confirm } = options;
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text, SLACK_LIMITS.buttonText),
    ...(options.value !== undefined ? { value: options.value.slice(0, SLACK_LIMITS.buttonValue) } : {}),
    ...(options.style ? { style: options.style } : {}),
    ...(options.url ? { url: options.url } : {}),
    ...(options.accessibilityLabel
      ? { accessibility_label: truncate(options.accessibilityLabel, SLACK_LIMITS.buttonText) }
      : {}),
    ...(confirm
      ? {
          confirm: {
            title: plain(confirm.title, SLACK_LIMITS.confirmTitle),
            text: plain(confirm.text, SLACK_LIMITS.confirmText),
            confirm: plain(confirm.confirm, SLACK_LIMITS.confirmButton),
            deny: plain(confirm.deny, SLACK_LIMITS.confirmButton),
          },
        }
      : {}),
  };
}

export const actions = (blockId: string, elements: readonly Block[]): Block => ({
  type: 'actions',
  block_id: blockId,
  elements: elements.slice(0, SLACK_LIMITS.actionsElements),
});

export interface Option {
  text: PlainText;
  value: string;
  description?: PlainText;
}

export function option(text: string, value: string, description?: string): Option {
  if (value.length > SLACK_LIMITS.optionValue)
    throw new Error(`option value over ${SLACK_LIMITS.optionValue}: ${value}`);
  return {
    text: plain(text, SLACK_LIMITS.optionText),
    value,
    ...(description ? { description: plain(description, SLACK_LIMITS.optionText) } : {}),
  };
}

/** A message: fallback text plus blocks, both within the limits (blocks cut to 50 with a note). */
export interface Message {
  text: string;
  blocks: Block[];
}

export function message(text: string, blocks: readonly Block[]): Message {
  const max = SLACK_LIMITS.blocksPerMessage;
  const kept =
    blocks.length <= max
      ? [...blocks]
      : [...blocks.slice(0, max - 1), context([`…and ${blocks.length - max + 1} more blocks not shown`])];
  // The fallback is mrkdwn as well (notifications), escaped by the caller: cut it between entities too.
  return { text: truncateEscaped(text, SLACK_LIMITS.messageText), blocks: kept };
}

/** `<@U123>` for a Slack user id we stored (ids are validated, so this can never carry user text). */
export const mention = (userId: string): string => `<@${userId}>`;
/** A private answer that leaves the message it answers (a card, a list) as it is. */
export function ephemeral(content: Message) {
  return { response_type: 'ephemeral' as const, replace_original: false, ...content };
}

export const channelLink = (channelId: string): string => `<#${channelId}>`;
/** A link whose label is user text: the label is escaped and `|` removed so it cannot end the link early. */
export const link = (url: string, label: string): string =>
  `<${url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
