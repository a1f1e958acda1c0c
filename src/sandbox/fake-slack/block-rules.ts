// The shared Block Kit walker behind payload-rules.ts: per-block and per-element limits of SPEC §4, ids, empty text.
import { SLACK_LIMITS as L } from '../../../blocks/limits.ts';
import { BLOCK_TYPES, CONTEXT_ELEMENT_TYPES, ELEMENT_TYPES } from './block-types.ts';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const textOf = (v: unknown): string | undefined =>
  isObj(v) && typeof v.text === 'string' ? v.text : typeof v === 'string' ? v : undefined;

export function max(out: string[], path: string, value: string | undefined, limit: number): void {
  if (value !== undefined && value.length > limit) out.push(`${path}: ${value.length} chars > ${limit}`);
}

export function maxCount(out: string[], path: string, items: unknown[], limit: number): void {
  if (items.length > limit) out.push(`${path}: ${items.length} items > ${limit}`);
}

function checkConfirm(out: string[], path: string, confirm: unknown): void {
  if (!isObj(confirm)) return;
  max(out, `${path}.title`, textOf(confirm.title), L.confirmTitle);
  max(out, `${path}.text`, textOf(confirm.text), L.confirmText);
  max(out, `${path}.confirm`, textOf(confirm.confirm), L.confirmButton);
  max(out, `${path}.deny`, textOf(confirm.deny), L.confirmButton);
}

/** Each option's text and value (SPEC §4: 75 each), wherever a list of options sits. */
export function checkOptionList(out: string[], path: string, options: unknown[]): void {
  options.forEach((o, i) => {
    if (!isObj(o)) return;
    max(out, `${path}[${i}].text`, textOf(o.text), L.optionText);
    max(out, `${path}[${i}].value`, typeof o.value === 'string' ? o.value : undefined, L.optionValue);
  });
}

/** A `type` Slack does not know: it refuses the whole payload (invalid_blocks). */
function checkType(
  out: string[],
  path: string,
  type: unknown,
  known: ReadonlySet<string>,
  what: string,
): boolean {
  if (typeof type === 'string' && known.has(type)) return true;
  out.push(`${path}.type: unknown ${what} type ${JSON.stringify(type)}`);
  return false;
}

/** One interactive element (button, select, input, …) wherever it sits: accessory, actions, input. */
function checkElement(out: string[], path: string, el: unknown, actionIds: Set<string>): void {
  if (!isObj(el) || !checkType(out, path, el.type, ELEMENT_TYPES, 'element')) return;
  if (typeof el.action_id === 'string') {
    max(out, `${path}.action_id`, el.action_id, L.id);
    if (actionIds.has(el.action_id)) out.push(`${path}.action_id: duplicate "${el.action_id}" in one block`);
    actionIds.add(el.action_id);
  }
  if (el.type === 'button') {
    max(out, `${path}.text`, textOf(el.text), L.buttonText);
    max(out, `${path}.value`, typeof el.value === 'string' ? el.value : undefined, L.buttonValue);
  }
  const options = list(el.options);
  checkOptionList(out, `${path}.options`, options);
  list(el.option_groups).forEach((g, i) => {
    if (isObj(g)) checkOptionList(out, `${path}.option_groups[${i}].options`, list(g.options));
  });
  if (el.type === 'static_select' || el.type === 'multi_static_select') {
    const all =
      options.length +
      list(el.option_groups).reduce<number>((n, g) => n + list(isObj(g) ? g.options : []).length, 0);
    if (all > L.staticSelectOptions) out.push(`${path}.options: ${all} options > ${L.staticSelectOptions}`);
  }
  max(out, `${path}.placeholder`, textOf(el.placeholder), L.placeholder);
  checkConfirm(out, `${path}.confirm`, el.confirm);
}

/**
 * Image block limits (docs.slack.dev/reference/block-kit/blocks/image-block): alt_text required, ≤ 2000;
 * image_url ≤ 3000; title plain_text ≤ 2000. Kept here, beside the one rule that uses them, until a builder
 * makes image blocks and blocks/limits.ts takes them over.
 */
const IMAGE = { altText: 2000, imageUrl: 3000, title: 2000 } as const;

/**
 * An image shows exactly one source: `image_url`, or `slack_file` naming the file by exactly one of `url` or
 * `id` (docs.slack.dev/reference/block-kit/composition-objects/slack-file-object). Whether the file exists is
 * the fake's state to say (files.ts, imageFileProblems).
 */
function checkImage(out: string[], path: string, block: Obj): void {
  const url = typeof block.image_url === 'string' ? block.image_url : undefined;
  const file = block.slack_file;
  if ((url === undefined) === (file === undefined))
    out.push(`${path}: an image needs exactly one of image_url or slack_file`);
  max(out, `${path}.image_url`, url, IMAGE.imageUrl);
  if (file !== undefined) {
    const named = isObj(file)
      ? ['url', 'id'].filter((k) => typeof file[k] === 'string' && file[k] !== '')
      : [];
    if (named.length !== 1) out.push(`${path}.slack_file: needs exactly one of url or id`);
  }
  const alt = typeof block.alt_text === 'string' ? block.alt_text : undefined;
  if (!alt?.trim()) out.push(`${path}.alt_text: required`);
  max(out, `${path}.alt_text`, alt, IMAGE.altText);
  if (block.title !== undefined) {
    if (!isObj(block.title) || block.title.type !== 'plain_text')
      out.push(`${path}.title: must be a plain_text object`);
    max(out, `${path}.title`, textOf(block.title), IMAGE.title);
  }
}

function checkBlock(out: string[], path: string, block: Obj): void {
  if (!checkType(out, path, block.type, BLOCK_TYPES, 'block')) return;
  const actionIds = new Set<string>();
  switch (block.type) {
    case 'section': {
      max(out, `${path}.text`, textOf(block.text), L.sectionText);
      const fields = list(block.fields);
      maxCount(out, `${path}.fields`, fields, L.fieldsPerSection);
      for (const [i, f] of fields.entries()) max(out, `${path}.fields[${i}]`, textOf(f), L.fieldText);
      checkElement(out, `${path}.accessory`, block.accessory, actionIds);
      break;
    }
    case 'header':
      max(out, `${path}.text`, textOf(block.text), L.headerText);
      break;
    case 'actions': {
      const elements = list(block.elements);
      maxCount(out, `${path}.elements`, elements, L.actionsElements);
      for (const [i, el] of elements.entries()) checkElement(out, `${path}.elements[${i}]`, el, actionIds);
      break;
    }
    case 'context': {
      const elements = list(block.elements);
      maxCount(out, `${path}.elements`, elements, L.contextElements);
      for (const [i, el] of elements.entries())
        if (isObj(el))
          checkType(out, `${path}.elements[${i}]`, el.type, CONTEXT_ELEMENT_TYPES, 'context element');
      break;
    }
    case 'input':
      max(out, `${path}.label`, textOf(block.label), L.inputLabel);
      checkElement(out, `${path}.element`, block.element, actionIds);
      break;
    case 'image':
      checkImage(out, path, block);
      break;
  }
}

/** Every text object anywhere below `node` must have non-blank text (Slack rejects empty ones). */
export function checkTextObjects(out: string[], path: string, node: unknown): void {
  if (Array.isArray(node)) {
    for (const [i, n] of node.entries()) checkTextObjects(out, `${path}[${i}]`, n);
    return;
  }
  if (!isObj(node)) return;
  if ((node.type === 'plain_text' || node.type === 'mrkdwn') && typeof node.text === 'string') {
    if (node.text.trim() === '') out.push(`${path}: empty ${node.type} text`);
    return;
  }
  for (const [k, v] of Object.entries(node)) checkTextObjects(out, `${path}.${k}`, v);
}

/** The shared block walker: per-block limits, ids, duplicate block_ids and empty text objects. */
export function checkBlocks(blocks: unknown[], path = 'blocks'): string[] {
  const out: string[] = [];
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const p = `${path}[${i}]`;
    if (!isObj(b)) {
      out.push(`${p}: not an object`);
      return;
    }
    if (typeof b.block_id === 'string') {
      max(out, `${p}.block_id`, b.block_id, L.id);
      if (blockIds.has(b.block_id)) out.push(`${p}.block_id: duplicate "${b.block_id}"`);
      blockIds.add(b.block_id);
    }
    checkBlock(out, p, b);
  });
  checkTextObjects(out, path, blocks);
  return out;
}

/** Sum of every `text` string inside the blocks: what Slack counts against the 10,000 char budget. */
export function blockTextLength(node: unknown): number {
  if (Array.isArray(node)) return node.reduce<number>((n, v) => n + blockTextLength(v), 0);
  if (!isObj(node)) return 0;
  return Object.entries(node).reduce<number>(
    (n, [k, v]) => n + (k === 'text' && typeof v === 'string' ? v.length : blockTextLength(v)),
    0,
  );
}
