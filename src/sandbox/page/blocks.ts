// Block Kit blocks → DOM, for messages, modals and Home alike. Every block root carries data-block-id; a block
// the page does not know is shown as a dashed placeholder rather than hidden.
import { couldNotRender, el, uniqueId } from './dom.ts';
import { imageSource, renderElement, renderImageElement, unsupported } from './elements.ts';
import { isObject, type Json, obj, objects, own, str } from './json.ts';
import { plainText, textObjectToDom } from './mrkdwn-dom.ts';
import { richTextToPlain } from './rich-text.ts';
import type { Surface } from './surface.ts';

type BlockRenderer = (block: Json, blockId: string, surface: Surface) => HTMLElement;

const section: BlockRenderer = (block, blockId, surface) => {
  const text = obj(block, 'text');
  const fields = objects(block, 'fields');
  const accessory = obj(block, 'accessory');
  return el(
    'div',
    { class: 'section' },
    el(
      'div',
      { class: 'section-main' },
      text && el('div', { class: 'section-text' }, textObjectToDom(text, surface.mrkdwn)),
      fields.length > 0 &&
        el(
          'div',
          { class: 'fields' },
          ...fields.map((f) => el('div', { class: 'field' }, textObjectToDom(f, surface.mrkdwn))),
        ),
    ),
    accessory && el('div', { class: 'accessory' }, renderElement(accessory, blockId, 0, surface)),
  );
};

const context: BlockRenderer = (block, _blockId, surface) =>
  el(
    'div',
    { class: 'context' },
    ...objects(block, 'elements').map((element) =>
      str(element, 'type') === 'image'
        ? renderImageElement(element)
        : el('span', {}, textObjectToDom(element, surface.mrkdwn)),
    ),
  );

const actions: BlockRenderer = (block, blockId, surface) =>
  el(
    'div',
    { class: 'actions' },
    ...objects(block, 'elements').map((element, index) => renderElement(element, blockId, index, surface)),
  );

const input: BlockRenderer = (block, blockId, surface) => {
  const element = obj(block, 'element') ?? {};
  const optional = block.optional === true;
  const placement = {
    optional,
    dispatch: block.dispatch_action === true,
    controlId: uniqueId('input'),
    labelId: uniqueId('label'),
  };
  const hint = obj(block, 'hint');
  return el(
    'div',
    { class: 'input-block' },
    el(
      'label',
      { id: placement.labelId, for: placement.controlId, class: 'input-label' },
      plainText(obj(block, 'label')),
      optional && el('span', { class: 'optional' }, ' (optional)'),
    ),
    renderElement(element, blockId, 0, surface, placement),
    hint && el('div', { class: 'hint' }, plainText(hint)),
    el('div', { class: 'input-error', role: 'alert', 'data-error-for': blockId, hidden: true }),
  );
};

const image: BlockRenderer = (block) => {
  const src = imageSource(block);
  const alt = str(block, 'alt_text') ?? '';
  const title = obj(block, 'title');
  return el(
    'figure',
    { class: 'image' },
    title && el('figcaption', {}, plainText(title)),
    src ? el('img', { src, alt, loading: 'lazy' }) : unsupported('element', 'image without a source'),
  );
};

const RENDERERS: Readonly<Record<string, BlockRenderer>> = {
  section,
  header: (block) => el('h3', { class: 'header' }, plainText(obj(block, 'text'))),
  divider: () => el('hr'),
  context,
  actions,
  input,
  image,
  rich_text: (block, _blockId, surface) =>
    el('div', { class: 'rich-text' }, richTextToPlain(block, surface.mrkdwn)),
};

/** `index` names a block the app sent without a block_id, as Slack would generate one. */
export function renderBlock(block: unknown, index: number, surface: Surface): HTMLElement {
  const json = isObject(block) ? block : {};
  const type = str(json, 'type') ?? '';
  const blockId = str(json, 'block_id') ?? `block-${index}`;
  const body = renderBody(json, type, blockId, surface);
  return el('div', { class: `block block-${type || 'unknown'}`, 'data-block-id': blockId }, body);
}

/** A block type the page does not know (`constructor` included) shows a placeholder; one that throws, a note. */
function renderBody(block: Json, type: string, blockId: string, surface: Surface): HTMLElement {
  const render = own(RENDERERS, type);
  if (!render) return unsupported('block', type);
  const registered = surface.fields.length;
  try {
    return render(block, blockId, surface);
  } catch (error) {
    // Controls registered before the throw are not on the page: their values must not reach state.values.
    surface.fields.splice(registered);
    return couldNotRender(`Could not render block: ${type}`, error);
  }
}

export function renderBlocks(blocks: readonly unknown[], surface: Surface): HTMLElement {
  return el('div', { class: 'blocks' }, ...blocks.map((block, index) => renderBlock(block, index, surface)));
}

/** Shows `response_action: errors` (or the page's own required-field checks) under their input blocks. */
export function showErrors(root: HTMLElement, errors: Readonly<Record<string, string>>): void {
  for (const slot of root.querySelectorAll<HTMLElement>('.input-error')) {
    const message = own(errors, slot.dataset.errorFor ?? '');
    slot.textContent = message ?? '';
    slot.hidden = message === undefined;
  }
}
