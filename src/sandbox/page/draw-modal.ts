// Drawing the viewer's modal stack: the top view is shown; views lower in the stack keep their rendering, so
// going back shows what was typed there.
import type { SandboxState } from '../contract.ts';
import { post } from './api.ts';
import { createSurface, type Session } from './session.ts';
import { collectStateValues } from './state-values.ts';
import { readFields } from './surface.ts';
import { type RenderedView, renderModal, reuseOrRender } from './views.ts';

export interface ModalDrawing {
  draw(s: SandboxState): void;
  /** Drops every rendered view: the next draw renders the top one afresh. */
  forget(): void;
}

export function createModalDrawing(slot: HTMLElement, session: Session): ModalDrawing {
  const modals = new Map<string, RenderedView>();
  const { me, accepted } = session;

  function draw(s: SandboxState) {
    const top = s.modals.at(-1);
    for (const id of modals.keys()) if (!s.modals.some((v) => v.id === id)) modals.delete(id);
    if (!top) {
      slot.replaceChildren();
      return;
    }
    const isNew = !modals.has(top.id);
    const rendered = reuseOrRender(modals.get(top.id) ?? null, top, (fields) =>
      renderModal(
        top,
        createSurface(session, s, { kind: 'modal', viewId: top.id }, fields),
        s.modals.length,
        {
          submit: async (viewId, fields) => {
            const values = collectStateValues(readFields(fields));
            const answer = await post('submit', { user: me(), viewId, values });
            return accepted(answer) ? answer.errors : undefined;
          },
          close: (viewId) => void post('close', { user: me(), viewId }).then(accepted),
        },
      ),
    );
    modals.set(top.id, rendered);
    if (slot.firstChild !== rendered.root) {
      slot.replaceChildren(rendered.root);
      if (isNew)
        rendered.root
          .querySelector<HTMLElement>(
            '.modal-body input, .modal-body textarea, .modal-body select, footer .btn',
          )
          ?.focus();
    }
  }

  return { draw, forget: () => modals.clear() };
}
