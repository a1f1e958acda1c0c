// Checks shared by the builder tests: limits, escaping, well-formed mrkdwn and whole characters.
import type { ModalView } from '../../blocks/inputs.ts';
import type { Message } from '../../blocks/kit.ts';
import {
  checkEscaped,
  checkMessage,
  checkView,
  DATE_TOKEN,
} from '../../src/sandbox/fake-slack/payload-rules.ts';
import { TAINTED } from './fixtures.ts';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every object below `node` (depth first), to look for elements by type wherever they sit. */
export function nodes(node: unknown): Obj[] {
  if (Array.isArray(node)) return node.flatMap(nodes);
  if (!isObj(node)) return [];
  return [node, ...Object.values(node).flatMap(nodes)];
}

/** The text of every mrkdwn object, plus the message's fallback text (notifications render it as mrkdwn). */
export function mrkdwnTexts(payload: unknown): string[] {
  const texts = nodes(payload).flatMap((n) =>
    n.type === 'mrkdwn' && typeof n.text === 'string' ? [n.text] : [],
  );
  if (isObj(payload) && typeof payload.text === 'string') texts.push(payload.text);
  return texts;
}

/** The only `<…>` tokens the builders may emit: a stored user or channel id, an http(s) link, or a date. */
const TOKEN = /<(?:[@#][A-Z0-9]+|https?:\/\/[^<>|\s]+(?:\|[^<>|]*)?)>/g;

/**
 * Well-formed mrkdwn: no `<` or `>` outside an allowed token (a cut token or a raw bracket is a forged or
 * broken link), and every `&` begins a whole entity (no `&am…` left by a cut).
 */
export function mrkdwnProblems(payload: unknown): string[] {
  return mrkdwnTexts(payload).flatMap((text) => {
    const out: string[] = [];
    const rest = text.replace(DATE_TOKEN, '').replace(TOKEN, '');
    if (/[<>]/.test(rest)) out.push(`stray < or > in ${JSON.stringify(text.slice(0, 200))}`);
    if (/&(?!amp;|lt;|gt;)/.test(rest)) out.push(`broken entity in ${JSON.stringify(text.slice(-200))}`);
    return out;
  });
}

/** A lone half of a surrogate pair, anywhere in the JSON. */
export function loneSurrogates(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(node))
        out.push(`${path}: half a surrogate pair`);
    } else if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) walk(n, `${path}[${i}]`);
    } else if (isObj(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, `${path}.${k}`);
    }
  };
  walk(payload, '');
  return out;
}

/** All four checks at once, so a failure names every problem. */
export function messageProblems(msg: Message, tainted: readonly string[] = TAINTED): string[] {
  return [
    ...checkMessage(msg),
    ...checkEscaped(msg, tainted),
    ...mrkdwnProblems(msg),
    ...loneSurrogates(msg),
  ];
}

export function viewProblems(view: ModalView, tainted: readonly string[] = TAINTED): string[] {
  return [
    ...checkView(view),
    ...checkEscaped(view, tainted),
    ...mrkdwnProblems(view),
    ...loneSurrogates(view),
  ];
}

export const buttons = (msg: Message): Obj[] => nodes(msg.blocks).filter((n) => n.type === 'button');
export const renderedText = (msg: Message): string => mrkdwnTexts(msg).join('\n');
