// Block elements → DOM: buttons, overflow menus, images, and the stateful controls (registered on the surface
// so their values reach view.state.values). An element the page does not know shows a visible placeholder.
import { askConfirm } from './confirm.ts';
import { type ControlSpec, controlFor } from './controls.ts';
import { el, uniqueId } from './dom.ts';
import { externalSelect } from './external-select.ts';
import { type Json, obj, str } from './json.ts';
import { isSafeHref } from './mrkdwn.ts';
import { plainText } from './mrkdwn-dom.ts';
import { buttonAction, optionsOf, type PageActionElement, toActionElement } from './state-values.ts';
import type { RegisteredField, Surface } from './surface.ts';

/** Where an element sits inside an input block; absent for actions blocks, accessories and context. */
export interface InputPlacement {
  optional: boolean;
  /** `dispatch_action`: only then does a change inside an input block send block_actions. */
  dispatch: boolean;
  controlId: string;
  labelId: string;
}

export function unsupported(what: 'block' | 'element', type: string): HTMLElement {
  return el('div', { class: 'unsupported', role: 'note' }, `Unsupported ${what}: ${type || '(no type)'}`);
}

/**
 * Sends the action once its confirm dialog (if the element has one) is accepted. A link (`url`) opens only then
 * too, as Slack confirms first; with no dialog it opens within the click, so no popup blocker stops it.
 */
async function confirmThenAct(
  element: Json,
  surface: Surface,
  action: PageActionElement,
  url?: string,
): Promise<void> {
  const confirm = obj(element, 'confirm');
  if (confirm && !(await askConfirm(confirm, surface.mrkdwn))) return;
  // Slack opens a link button's URL and still tells the app it was clicked.
  if (url && isSafeHref(url)) window.open(url, '_blank', 'noopener');
  surface.act(action);
}

/** Resolves an image element or block's source: a Slack file is served by the stand-in. */
export function imageSource(image: Json): string | undefined {
  const file = obj(image, 'slack_file');
  const fileId = file && str(file, 'id');
  if (fileId) return `/sandbox/files/${encodeURIComponent(fileId)}`;
  const url = str(image, 'image_url') ?? (file && str(file, 'url'));
  return url && (isSafeHref(url) || url.startsWith('/sandbox/files/')) ? url : undefined;
}

function renderButton(element: Json, blockId: string, actionId: string, surface: Surface): HTMLElement {
  const style = str(element, 'style');
  const button = el(
    'button',
    {
      type: 'button',
      class: style === 'primary' || style === 'danger' ? `btn btn-${style}` : 'btn',
      'data-action-id': actionId,
      'aria-label': str(element, 'accessibility_label'),
    },
    plainText(obj(element, 'text')),
  );
  button.addEventListener('click', () => {
    void confirmThenAct(element, surface, buttonAction(element, blockId, actionId), str(element, 'url'));
  });
  return button;
}

function renderOverflow(element: Json, blockId: string, actionId: string, surface: Surface): HTMLElement {
  const menu = el('div', { class: 'menu', role: 'menu' });
  const popup = el(
    'details',
    { class: 'popup overflow' },
    el('summary', { class: 'btn', 'data-action-id': actionId, 'aria-label': 'More actions' }, '⋯'),
    menu,
  );
  for (const option of optionsOf(element)) {
    const item = el(
      'button',
      { type: 'button', role: 'menuitem', 'data-value': option.value },
      plainText(option.text),
    );
    item.addEventListener('click', () => {
      popup.open = false;
      const selected = {
        text: { type: 'plain_text' as const, text: plainText(option.text) },
        value: option.value,
      };
      const action = { type: 'overflow', action_id: actionId, block_id: blockId, selected_option: selected };
      void confirmThenAct(element, surface, action, str(option, 'url'));
    });
    menu.appendChild(item);
  }
  return popup;
}

export function renderImageElement(element: Json): HTMLElement {
  const src = imageSource(element);
  const alt = str(element, 'alt_text') ?? '';
  return src
    ? el('img', { class: 'element-image', src, alt })
    : el('span', { class: 'unsupported' }, `Image: ${alt}`);
}

/**
 * One element of an actions block, a section accessory, a context block or an input block. `index` gives a
 * stable action_id when the app sent none (Slack would generate one).
 */
export function renderElement(
  element: Json,
  blockId: string,
  index: number,
  surface: Surface,
  input?: InputPlacement,
): HTMLElement {
  const type = str(element, 'type') ?? '';
  const actionId = str(element, 'action_id') ?? `${blockId}-${index}`;
  if (type === 'button') return renderButton(element, blockId, actionId, surface);
  if (type === 'overflow') return renderOverflow(element, blockId, actionId, surface);
  if (type === 'image') return renderImageElement(element);
  const make = type === 'external_select' ? externalSelect : controlFor(type);
  if (!make) return unsupported('element', type);

  const dispatch = input ? input.dispatch : true;
  const field: RegisteredField = {
    blockId,
    actionId,
    element,
    ...(input ? { optional: input.optional } : {}),
    read: () => [],
    write: () => {},
    extraOptions: () => [],
  };
  const spec: ControlSpec = {
    element,
    blockId,
    actionId,
    controlId: input?.controlId ?? uniqueId('control'),
    labelId: input?.labelId,
    surface,
    dispatches: dispatch,
    changed: () => {
      if (!dispatch) return;
      const reading = {
        blockId,
        actionId,
        element,
        picked: field.read(),
        extraOptions: field.extraOptions(),
      };
      void confirmThenAct(element, surface, toActionElement(reading));
    },
  };
  const control = make(spec);
  field.read = control.read;
  field.write = control.write;
  field.extraOptions = control.extraOptions;
  surface.fields.push(field);
  return control.node;
}
