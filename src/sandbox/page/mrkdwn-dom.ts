// mrkdwn nodes → DOM: every piece of text becomes a text node, links open in a new tab without an opener.
import { el } from './dom.ts';
import { replaceEmoji } from './emoji.ts';
import { type Json, str } from './json.ts';
import { type MrkdwnContext, type MrkdwnNode, parseMrkdwn } from './mrkdwn.ts';

const TAGS = { bold: 'b', italic: 'i', strike: 's', code: 'code', pre: 'pre', quote: 'blockquote' } as const;

function toNode(node: MrkdwnNode): Node {
  switch (node.kind) {
    case 'text':
      return document.createTextNode(node.text);
    case 'break':
      return el('br');
    case 'mention':
      return el('span', { class: `mention mention-${node.mention}`, 'data-id': node.id }, node.text);
    case 'link':
      return el(
        'a',
        { href: node.href, target: '_blank', rel: 'noopener noreferrer' },
        ...node.children.map(toNode),
      );
    default:
      return el(TAGS[node.kind], {}, ...node.children.map(toNode));
  }
}

export function mrkdwnToDom(text: string, ctx: MrkdwnContext): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const node of parseMrkdwn(text, ctx)) fragment.appendChild(toNode(node));
  return fragment;
}

/** A Block Kit text object: mrkdwn parsed, plain_text shown as-is (its `emoji` flag honoured). */
export function textObjectToDom(text: Json | undefined, ctx: MrkdwnContext): DocumentFragment {
  const fragment = document.createDocumentFragment();
  if (!text) return fragment;
  const raw = str(text, 'text') ?? '';
  if (str(text, 'type') === 'mrkdwn') return mrkdwnToDom(raw, ctx);
  fragment.appendChild(document.createTextNode(text.emoji === false ? raw : replaceEmoji(raw)));
  return fragment;
}

/** A plain_text object as a string (button labels, options, titles). */
export const plainText = (text: Json | undefined): string => {
  const raw = text ? (str(text, 'text') ?? '') : '';
  return text?.emoji === false ? raw : replaceEmoji(raw);
};
