// Slack mrkdwn → a small node tree, DOM-free so it is testable; mrkdwn-dom.ts turns it into elements. Text is
// never treated as HTML: entities are decoded exactly once, into text nodes.
import { replaceEmoji } from './emoji.ts';
import { own } from './json.ts';
import { type DateZone, formatSlackDate } from './slack-date.ts';

export type MrkdwnNode =
  | { kind: 'text'; text: string }
  | { kind: 'bold' | 'italic' | 'strike' | 'code' | 'pre' | 'quote'; children: MrkdwnNode[] }
  | { kind: 'break' }
  | { kind: 'link'; href: string; children: MrkdwnNode[] }
  | { kind: 'mention'; mention: 'user' | 'channel' | 'broadcast' | 'usergroup'; id?: string; text: string };

export interface MrkdwnContext extends DateZone {
  /** Display names by user id (`@dana`, without the `@`). */
  users: ReadonlyMap<string, string>;
  /** Names by channel id (`ml-platform`, without the `#`). */
  channels: ReadonlyMap<string, string>;
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** One pass, so `&amp;lt;` becomes the text `&lt;`, never `<`. */
export const decodeEntities = (text: string): string =>
  text.replace(/&(amp|lt|gt);/g, (e) => own(ENTITIES, e) ?? e);

/** Only these link schemes become links; anything else (javascript:, data:) is shown as text. */
export const isSafeHref = (href: string): boolean => /^(https?:\/\/|mailto:)/i.test(href);

const STYLES: Readonly<Record<string, 'bold' | 'italic' | 'strike'>> = {
  '*': 'bold',
  _: 'italic',
  '~': 'strike',
};
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

// Slack styles only at word edges: `snake_case_name` and `2*3*4` stay as typed.
function canOpen(s: string, i: number): boolean {
  const next = s[i + 1];
  const prev = s[i - 1];
  return next !== undefined && !SPACE.test(next) && next !== s[i] && (prev === undefined || !WORD.test(prev));
}

function canClose(s: string, j: number): boolean {
  const prev = s[j - 1];
  const next = s[j + 1];
  return prev !== undefined && !SPACE.test(prev) && (next === undefined || !WORD.test(next));
}

/** The closing delimiter on the same line, skipping `<…>` controls and code spans; -1 when there is none. */
function findClose(s: string, open: number, delimiter: string): number {
  for (let j = open + 2; j < s.length; j++) {
    const c = s[j];
    if (c === '\n') return -1;
    if (c === '<' || c === '`') {
      const end = s.indexOf(c === '<' ? '>' : '`', j + 1);
      if (end > j) j = end;
      continue;
    }
    if (c === delimiter && canClose(s, j)) return j;
  }
  return -1;
}

function textNode(raw: string, inCode: boolean): MrkdwnNode {
  const text = decodeEntities(raw);
  return { kind: 'text', text: inCode ? text : replaceEmoji(text) };
}

function named(prefix: string, label: string | undefined, fallback: string): string {
  const name = label ? decodeEntities(label).replace(/^[@#]/, '') : fallback;
  return `${prefix}${name}`;
}

function dateNode(command: string, label: string | undefined, ctx: MrkdwnContext): MrkdwnNode {
  const [, seconds = '', template = '', href] = command.split('^');
  const formatted = /^-?\d+$/.test(seconds) ? formatSlackDate(Number(seconds), template, ctx) : null;
  const text: MrkdwnNode = { kind: 'text', text: formatted ?? decodeEntities(label ?? '') };
  const target = href === undefined ? undefined : decodeEntities(href);
  return target && isSafeHref(target) ? { kind: 'link', href: target, children: [text] } : text;
}

/** One `<…>` control: a mention, a broadcast, a date or a link. */
function controlNode(inner: string, ctx: MrkdwnContext, inCode: boolean): MrkdwnNode {
  const bar = inner.indexOf('|');
  const target = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? undefined : inner.slice(bar + 1);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return { kind: 'mention', mention: 'user', id, text: named('@', ctx.users.get(id) ?? label, id) };
  }
  if (target.startsWith('#')) {
    const id = target.slice(1);
    return { kind: 'mention', mention: 'channel', id, text: named('#', ctx.channels.get(id) ?? label, id) };
  }
  if (target.startsWith('!')) {
    const command = target.slice(1);
    if (['here', 'channel', 'everyone'].includes(command))
      return { kind: 'mention', mention: 'broadcast', text: `@${command}` };
    if (command.startsWith('subteam^')) {
      const id = command.slice('subteam^'.length);
      return { kind: 'mention', mention: 'usergroup', id, text: named('@', label, id) };
    }
    if (command.startsWith('date^')) return dateNode(command, label, ctx);
    return textNode(label ?? '', inCode);
  }
  const href = decodeEntities(target);
  const children = [textNode(label ?? target, inCode)];
  return isSafeHref(href)
    ? { kind: 'link', href, children }
    : { kind: 'text', text: decodeEntities(label ?? target) };
}

/** Inline mrkdwn of one paragraph; in code (`inCode`) only controls count, not styles or emoji. */
function parseInline(s: string, ctx: MrkdwnContext, inCode: boolean): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) out.push(textNode(buffer, inCode));
    buffer = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    if (c === '\n') {
      flush();
      out.push({ kind: 'break' });
      continue;
    }
    if (c === '<') {
      const end = s.indexOf('>', i + 1);
      if (end > i && !s.slice(i + 1, end).includes('\n')) {
        flush();
        out.push(controlNode(s.slice(i + 1, end), ctx, inCode));
        i = end;
        continue;
      }
    }
    if (!inCode && c === '`') {
      const end = s.indexOf('`', i + 1);
      if (end > i + 1 && !s.slice(i + 1, end).includes('\n')) {
        flush();
        out.push({ kind: 'code', children: parseInline(s.slice(i + 1, end), ctx, true) });
        i = end;
        continue;
      }
    }
    const style = inCode ? undefined : own(STYLES, c);
    if (style && canOpen(s, i)) {
      const close = findClose(s, i, c);
      if (close > 0) {
        flush();
        out.push({ kind: style, children: parseInline(s.slice(i + 1, close), ctx, false) });
        i = close;
        continue;
      }
    }
    buffer += c;
  }
  flush();
  return out;
}

// A quote marker arrives raw from the app (`>`) or escaped from people's text (`&gt;`), as Slack sends both.
const QUOTE_REST = /^(?:>>>|&gt;&gt;&gt;) ?/;
const QUOTE_LINE = /^(?:>|&gt;) ?/;

/** Paragraph text with its quoted lines grouped into quote nodes. */
function parseLines(s: string, ctx: MrkdwnContext): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  const lines = s.split('\n');
  let plain: string[] = [];
  let quoted: string[] = [];
  const flushPlain = () => {
    if (plain.length > 0) out.push(...parseInline(plain.join('\n'), ctx, false));
    plain = [];
  };
  const flushQuoted = () => {
    if (quoted.length > 0) out.push({ kind: 'quote', children: parseInline(quoted.join('\n'), ctx, false) });
    quoted = [];
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] ?? '';
    if (QUOTE_REST.test(line)) {
      flushPlain();
      quoted.push(line.replace(QUOTE_REST, ''), ...lines.slice(n + 1));
      break;
    }
    if (QUOTE_LINE.test(line)) {
      flushPlain();
      quoted.push(line.replace(QUOTE_LINE, ''));
    } else {
      flushQuoted();
      plain.push(line);
    }
  }
  flushPlain();
  flushQuoted();
  return out;
}

/** Parses Slack mrkdwn: ```pre``` blocks first (they may span lines), then quotes, then inline styles. */
export function parseMrkdwn(text: string, ctx: MrkdwnContext): MrkdwnNode[] {
  const out: MrkdwnNode[] = [];
  const pre = /```([\s\S]*?)```/g;
  let last = 0;
  for (const match of text.matchAll(pre)) {
    const before = text.slice(last, match.index).replace(/\n$/, '');
    if (before) out.push(...parseLines(before, ctx));
    out.push({ kind: 'pre', children: parseInline((match[1] ?? '').replace(/^\n/, ''), ctx, true) });
    last = match.index + match[0].length;
  }
  // The newline right after a closing fence belongs to the fence, as the one before it does.
  const rest = last > 0 ? text.slice(last).replace(/^\n/, '') : text;
  if (rest) out.push(...parseLines(rest, ctx));
  return out;
}

/** The text a reader would see, for titles and tests; quotes and code blocks sit on lines of their own. */
export function plainTextOf(nodes: readonly MrkdwnNode[]): string {
  let out = '';
  let afterBlock = false;
  for (const node of nodes) {
    const isBlock = node.kind === 'quote' || node.kind === 'pre';
    if ((isBlock || afterBlock) && out && !out.endsWith('\n')) out += '\n';
    if (node.kind === 'text' || node.kind === 'mention') out += node.text;
    else if (node.kind === 'break') out += '\n';
    else out += plainTextOf(node.children);
    afterBlock = isBlock;
  }
  return out;
}
