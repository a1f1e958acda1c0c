// A Block Kit confirm object as a small dialog: nothing is sent unless the viewer confirms.
import { el, uniqueId } from './dom.ts';
import { type Json, obj, str } from './json.ts';
import type { MrkdwnContext } from './mrkdwn.ts';
import { plainText, textObjectToDom } from './mrkdwn-dom.ts';

/** Resolves true on confirm, false on deny, Escape or a click outside. */
export function askConfirm(confirm: Json, ctx: MrkdwnContext): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = uniqueId('confirm-title');
    const yes = el(
      'button',
      {
        type: 'button',
        class: str(confirm, 'style') === 'danger' ? 'btn btn-danger' : 'btn btn-primary',
        'data-testid': 'confirm-yes',
      },
      plainText(obj(confirm, 'confirm')) || 'Yes',
    );
    const no = el(
      'button',
      { type: 'button', class: 'btn', 'data-testid': 'confirm-no' },
      plainText(obj(confirm, 'deny')) || 'Cancel',
    );
    const dialog = el(
      'div',
      {
        class: 'dialog confirm',
        role: 'alertdialog',
        'aria-modal': 'true',
        'aria-labelledby': titleId,
        'data-testid': 'confirm-dialog',
      },
      el('h2', { id: titleId }, plainText(obj(confirm, 'title')) || 'Are you sure?'),
      el('div', { class: 'dialog-text' }, textObjectToDom(obj(confirm, 'text'), ctx)),
      el('div', { class: 'dialog-buttons' }, no, yes),
    );
    const backdrop = el('div', { class: 'backdrop backdrop-top' }, dialog);
    const finish = (answer: boolean) => {
      backdrop.remove();
      document.removeEventListener('keydown', onKey, true);
      resolve(answer);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      finish(false);
    };
    yes.addEventListener('click', () => finish(true));
    no.addEventListener('click', () => finish(false));
    backdrop.addEventListener('click', (event) => {
      if (event.target === backdrop) finish(false);
    });
    document.addEventListener('keydown', onKey, true);
    document.body.appendChild(backdrop);
    yes.focus();
  });
}
