// Pure checks of a message, view or response payload against SPEC §4 (limits) and §2.7 (escaping); one string per problem.
import { SLACK_LIMITS as L } from '../../../blocks/limits.ts';
import {
  blockTextLength,
  checkBlocks,
  checkOptionList,
  checkTextObjects,
  isObj,
  list,
  max,
  maxCount,
  textOf,
} from './block-rules.ts';

export { blockTextLength, checkBlocks } from './block-rules.ts';

/** Blocks sent over a form body arrive as a JSON string; accept both shapes. */
function blocksOf(v: unknown): unknown[] {
  if (typeof v !== 'string') return list(v);
  try {
    return list(JSON.parse(v));
  } catch {
    return [];
  }
}

export interface PayloadIssues {
  /** Problems Slack answers with `invalid_blocks`. */
  blocks: string[];
  /** Other argument problems (`invalid_arguments`). */
  args: string[];
  /** Breaks our own rules, though Slack would accept it (missing fallback text, over-long `text`). */
  advice: string[];
}

export function checkMessageParts(payload: unknown): PayloadIssues {
  const p = isObj(payload) ? payload : {};
  const blocks = blocksOf(p.blocks);
  const out: PayloadIssues = { blocks: [], args: [], advice: [] };
  maxCount(out.blocks, 'blocks', blocks, L.blocksPerMessage);
  const total = blockTextLength(blocks);
  if (total >= L.messageBlockText)
    out.blocks.push(`blocks: ${total} chars of text, must stay < ${L.messageBlockText}`);
  out.blocks.push(...checkBlocks(blocks));
  const text = typeof p.text === 'string' ? p.text : undefined;
  if (blocks.length > 0 && !text?.trim()) out.advice.push('text: missing fallback text for blocks');
  max(out.advice, 'text', text, L.messageText);
  return out;
}

/** A message (chat.postMessage/update/postEphemeral or a response_url body). */
export function checkMessage(payload: unknown): string[] {
  const { blocks, args, advice } = checkMessageParts(payload);
  return [...blocks, ...args, ...advice];
}

export function checkViewParts(view: unknown): PayloadIssues {
  const out: PayloadIssues = { blocks: [], args: [], advice: [] };
  const v = typeof view === 'string' ? safeParse(view) : view;
  if (!isObj(v)) return { blocks: [], args: ['view: not an object'], advice: [] };
  const blocks = list(v.blocks);
  maxCount(out.blocks, 'view.blocks', blocks, L.blocksPerView);
  out.blocks.push(...checkBlocks(blocks, 'view.blocks'));
  if (v.type === 'modal' && !textOf(v.title)) out.args.push('view.title: a modal needs a title');
  max(out.args, 'view.title', textOf(v.title), L.viewTitle);
  max(out.args, 'view.submit', textOf(v.submit), L.viewSubmit);
  max(out.args, 'view.close', textOf(v.close), L.viewClose);
  for (const key of ['title', 'submit', 'close'] as const) checkTextObjects(out.args, `view.${key}`, v[key]);
  const meta = typeof v.private_metadata === 'string' ? v.private_metadata : undefined;
  max(out.args, 'view.private_metadata', meta, L.privateMetadata);
  max(out.args, 'view.callback_id', typeof v.callback_id === 'string' ? v.callback_id : undefined, L.id);
  return out;
}

/** A modal or Home tab view. */
export function checkView(view: unknown): string[] {
  const { blocks, args, advice } = checkViewParts(view);
  return [...blocks, ...args, ...advice];
}

/**
 * The app's answer to a block_suggestion (an external select's options): `options`, or `option_groups` of
 * labelled options. "A maximum of 100 options or option groups"
 * (docs.slack.dev/reference/interaction-payloads/block_suggestion-payload); a group holds up to 100 options under
 * a label of at most 75 characters (docs.slack.dev/reference/block-kit/composition-objects/option-group-object);
 * an option's text and value, 75 each (SPEC §4).
 */
export function checkOptionsResponse(answer: unknown): string[] {
  if (!isObj(answer)) return ['not a JSON object'];
  const out: string[] = [];
  if ((answer.options === undefined) === (answer.option_groups === undefined))
    out.push('needs exactly one of options or option_groups');
  for (const key of ['options', 'option_groups'] as const)
    if (answer[key] !== undefined && !Array.isArray(answer[key])) out.push(`${key}: not a list`);
  const options = list(answer.options);
  maxCount(out, 'options', options, L.staticSelectOptions);
  checkOptionList(out, 'options', options);
  checkOptionShapes(out, 'options', options);
  const groups = list(answer.option_groups);
  maxCount(out, 'option_groups', groups, L.staticSelectOptions);
  for (const [i, g] of groups.entries()) {
    const path = `option_groups[${i}]`;
    if (!isObj(g) || !isObj(g.label)) {
      out.push(`${path}: needs a label and options`);
      continue;
    }
    max(out, `${path}.label`, textOf(g.label), L.optionText);
    const grouped = list(g.options);
    maxCount(out, `${path}.options`, grouped, L.staticSelectOptions);
    checkOptionList(out, `${path}.options`, grouped);
    checkOptionShapes(out, `${path}.options`, grouped);
  }
  for (const key of ['options', 'option_groups'] as const) checkTextObjects(out, key, answer[key]);
  return out;
}

/** An option needs a text object and a string value: Slack cannot show or send back one without. */
function checkOptionShapes(out: string[], path: string, options: unknown[]): void {
  options.forEach((o, i) => {
    if (!isObj(o) || !isObj(o.text) || typeof o.value !== 'string')
      out.push(`${path}[${i}]: an option needs a text object and a string value`);
  });
}

function safeParse(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/** Keys whose strings are never rendered as text (ids, values, input prefill, hidden state): raw user text is fine there. */
const NOT_RENDERED = new Set([
  'value',
  'initial_value',
  'private_metadata',
  'callback_id',
  'external_id',
  'action_id',
  'block_id',
]);

/**
 * The one `<!…>` token the app makes itself: a date Slack shows in each reader's zone, with a fallback
 * (`blocks/format.ts` slackDate). User text can never carry one: its `<` arrives escaped as `&lt;`.
 */
export const DATE_TOKEN = /<!date\^\d+\^[a-z_{} ]+\|[^<>|]*>/g;

/**
 * SPEC §2.7: no rendered string may contain `<!` (special mentions) other than an app-made date token or, verbatim, any tainted user input
 * that holds `<`, `>` or `&` (escaped, it becomes `&lt;` … and no longer matches).
 */
export function checkEscaped(payload: unknown, tainted: readonly string[] = []): string[] {
  const risky = tainted.filter((t) => /[<>&]/.test(t));
  const out: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (typeof node === 'string') {
      if (node.replace(DATE_TOKEN, '').includes('<!'))
        out.push(`${path}: contains a special mention "<!": ${JSON.stringify(node.slice(0, 120))}`);
      for (const t of risky)
        if (node.includes(t)) out.push(`${path}: unescaped user text ${JSON.stringify(t)}`);
    } else if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) walk(n, `${path}[${i}]`);
    } else if (isObj(node)) {
      for (const [k, v] of Object.entries(node)) if (!NOT_RENDERED.has(k)) walk(v, path ? `${path}.${k}` : k);
    }
  };
  walk(payload, '');
  return out;
}
