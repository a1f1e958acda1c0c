// Text from Slack (SPEC §3.2): message text arrives as mrkdwn, with mentions, channels, links and dates as
// `<…>` tokens and `&`, `<`, `>` as entities. These turn it into the text a person reads in Slack.
// Pure: the display names of mentioned users are looked up elsewhere and handed in.
import { clip } from '../lib/text.ts';

/** A user id as it appears in `<@…>`: U… in a workspace, W… across an Enterprise Grid org. */
const USER_ID = /^[UW][A-Z0-9]+$/;

/** One `<…>` token. Inside, `<` and `>` are always escaped, so the first `>` closes it. */
const TOKEN = /<([^<>]*)>/g;

/** A token's target: `@`, `#` or `!` and a name, or a URL (scheme, no spaces). Anything else is stray text. */
const TOKEN_TARGET = /^(?:[@#!][^\s|]|[a-z][a-z0-9+.-]*:[^\s|]+(?:\||$))/i;

/** The tokens of `text`: where each starts, its length and its inner text; stray `<…>` text is skipped. */
function* tokens(text: string): Generator<{ at: number; length: number; inner: string }> {
  for (const match of text.matchAll(TOKEN)) {
    const inner = match[1] ?? '';
    if (TOKEN_TARGET.test(inner)) yield { at: match.index, length: match[0].length, inner };
  }
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Slack's three entities, decoded in one pass (so `&amp;lt;` reads `&lt;`, not `<`). */
function decode(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** `target|label` → its two parts; the label is everything after the first `|`. */
function split(inner: string): { target: string; label: string | null } {
  const bar = inner.indexOf('|');
  return bar < 0
    ? { target: inner, label: null }
    : { target: inner.slice(0, bar), label: inner.slice(bar + 1) };
}

/** The users mentioned as `<@U…>` or `<@U…|name>`, each once, in order of first mention. */
export function mentionedUserIds(text: string): string[] {
  const ids = new Set<string>();
  for (const { inner } of tokens(text)) {
    const { target } = split(inner);
    const id = target.slice(1);
    if (target.startsWith('@') && USER_ID.test(id)) ids.add(id);
  }
  return [...ids];
}

/** `<!here>`, `<!subteam^S1|@team>`, `<!date^…|fallback>` and unknown `<!…>` commands. */
function special(command: string, label: string | null): string {
  const [name = '', id] = command.split('^');
  if (name === 'here' || name === 'channel' || name === 'everyone') return `@${name}`;
  if (name === 'date') return label ?? dateFallback(id);
  if (label !== null && label !== '')
    return name === 'subteam' && !label.startsWith('@') ? `@${label}` : label;
  return `@${name === 'subteam' ? (id ?? name) : name}`;
}

/** A `<!date^…>` without fallback text (Slack requires one): the day it names, else nothing. */
function dateFallback(seconds: string | undefined): string {
  const day = new Date(seconds ? Number(seconds) * 1000 : Number.NaN);
  return Number.isNaN(day.getTime()) ? '' : day.toISOString().slice(0, 10);
}

/** `<url|label>` → `label (url)`; `<url>` → `url`; `<mailto:a@b.c|a@b.c>` → `a@b.c`. */
function link(target: string, label: string | null): string {
  if (target.startsWith('mailto:')) return label || target.slice('mailto:'.length);
  if (!label || label === target) return target;
  // A bare address Slack linked by itself (`example.com`) reads as typed.
  if (label === target.replace(/^https?:\/\//, '')) return label;
  return `${label} (${target})`;
}

/** One token's inner text (entities still encoded) → what a person reads, entities decoded. */
function readableToken(inner: string, names: ReadonlyMap<string, string>): string {
  const { target, label: rawLabel } = split(inner);
  const label = rawLabel === null ? null : decode(rawLabel);
  const sigil = target.charAt(0);
  const rest = decode(target.slice(1));
  if (sigil === '@') {
    // A name looked up now beats the label Slack stored with the message; an id is the last resort.
    const name = names.get(rest) ?? (label ? label.replace(/^@/, '') : rest);
    return `@${name}`;
  }
  if (sigil === '#') return `#${label ? label.replace(/^#/, '') : rest}`;
  if (sigil === '!') return special(rest, label);
  return link(decode(target), label);
}

/**
 * Message mrkdwn as a person reads it: `<@U1>` → `@name` (from `names`, else the token's label, else the
 * id), `<#C1|ml>` → `#ml`, `<https://x|see>` → `see (https://x)`, `<!here>` → `@here`, `<!date…|fallback>`
 * → the fallback, and `&amp;` `&lt;` `&gt;` decoded last, so escaped text such as `&lt;@U1&gt;` stays
 * literal text. Plain text: never send it back to Slack as mrkdwn unescaped.
 */
export function readableText(text: string, names: ReadonlyMap<string, string> = new Map()): string {
  let out = '';
  let from = 0;
  for (const token of tokens(text)) {
    out += decode(text.slice(from, token.at)) + readableToken(token.inner, names);
    from = token.at + token.length;
  }
  return out + decode(text.slice(from));
}

/** A title from (readable) message text: its first non-empty line, spaces collapsed, cut to `max`. */
export function titleFromText(text: string, max: number): string {
  const first = text.split('\n').find((line) => line.trim() !== '') ?? '';
  return clip(first.replace(/\s+/g, ' ').trim(), max);
}
