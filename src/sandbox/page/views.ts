// The viewer's top modal and Home tab. A view is rebuilt only when its content changes, so typed input and
// focus survive the state updates that arrive while the viewer fills in a form.
import type { SandboxView } from '../contract.ts';
import { renderBlocks, showErrors } from './blocks.ts';
import { el, uniqueId } from './dom.ts';
import { type Json, obj, str } from './json.ts';
import { plainText } from './mrkdwn-dom.ts';
import { clientErrors } from './state-values.ts';
import { carryOver, type RegisteredField, readFields, type Surface } from './surface.ts';

/** A rendered view and what it was rendered from. */
export interface RenderedView {
  root: HTMLElement;
  viewId: string;
  /** The view JSON it shows: the same string means nothing needs rebuilding. */
  content: string;
  /** The server's errors last shown, so an unrelated update does not wipe the page's own checks. */
  errors: string;
  fields: RegisteredField[];
}

const blocksOf = (view: Json): unknown[] => (Array.isArray(view.blocks) ? view.blocks : []);

/**
 * Reuses `previous` when it shows the same view; else renders anew, carrying typed input over when the view id
 * is the same (views.update keeps what was typed while block and action ids match, as Slack does).
 */
export function reuseOrRender(
  previous: RenderedView | null,
  view: SandboxView,
  render: (fields: RegisteredField[]) => HTMLElement,
): RenderedView {
  const content = JSON.stringify(view.view);
  const errors = JSON.stringify(view.errors);
  if (previous && previous.viewId === view.id && previous.content === content) {
    if (previous.errors !== errors) showErrors(previous.root, view.errors);
    return { ...previous, errors };
  }
  const fields: RegisteredField[] = [];
  const root = render(fields);
  if (previous && previous.viewId === view.id) carryOver(previous.fields, fields);
  showErrors(root, view.errors);
  return { root, viewId: view.id, content, errors, fields };
}

export interface ModalHandlers {
  /** Answers the app's `response_action: errors`, if any, to show under the inputs. */
  submit(viewId: string, fields: readonly RegisteredField[]): Promise<Record<string, string> | undefined>;
  close(viewId: string): void;
}

/** The top of the stack as an overlay; `depth` > 1 turns the header's × into Slack's back arrow. */
export function renderModal(
  view: SandboxView,
  surface: Surface,
  depth: number,
  handlers: ModalHandlers,
): HTMLElement {
  const json = view.view;
  const titleId = uniqueId('modal-title');
  const body = renderBlocks(blocksOf(json), surface);
  const submitText = plainText(obj(json, 'submit'));
  const headerClose = el(
    'button',
    { type: 'button', class: 'icon', 'aria-label': depth > 1 ? 'Back' : 'Close' },
    depth > 1 ? '‹' : '×',
  );
  const close = el(
    'button',
    { type: 'button', class: 'btn', 'data-testid': 'modal-close' },
    plainText(obj(json, 'close')) || 'Cancel',
  );
  const submit = submitText
    ? el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'modal-submit' }, submitText)
    : null;
  const form = el(
    'form',
    {
      class: 'dialog modal',
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': titleId,
      'data-testid': 'modal',
      'data-view-id': view.id,
      'data-callback-id': str(json, 'callback_id') ?? '',
      novalidate: true,
    },
    el('header', {}, el('h2', { id: titleId }, plainText(obj(json, 'title'))), headerClose),
    el('div', { class: 'modal-body' }, body),
    el('footer', {}, close, submit),
  );
  for (const button of [headerClose, close]) button.addEventListener('click', () => handlers.close(view.id));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!submit) return;
    // Slack's client refuses an empty required field or a too-short text before the app hears anything.
    const refused = clientErrors(readFields(surface.fields));
    showErrors(form, { ...view.errors, ...refused });
    if (Object.keys(refused).length > 0) return;
    void handlers.submit(view.id, surface.fields).then((errors) => {
      if (errors) showErrors(form, errors);
    });
  });
  return el('div', { class: 'backdrop' }, form);
}

export function renderHome(view: SandboxView, surface: Surface): HTMLElement {
  return el(
    'div',
    { class: 'home', 'data-testid': 'home', 'data-view-id': view.id },
    renderBlocks(blocksOf(view.view), surface),
  );
}

/** Before the app's first views.publish, Slack shows an empty Home tab. */
export const renderEmptyHome = (): HTMLElement =>
  el(
    'div',
    { class: 'home', 'data-testid': 'home' },
    el('p', { class: 'empty' }, 'The app has not published a Home tab for you yet.'),
  );
