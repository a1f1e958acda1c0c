// The small *It bit me* modal (SPEC §1.5): optional hours lost this time.
import { formatItemId } from '../src/domain/item.ts';
import type { ModalView } from './filing-modal.ts';
import { CALLBACK, FIELD } from './ids.ts';
import { escapeAndTruncate, plain, section } from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

export interface PainModalModel {
  itemId: number;
  title: string;
  defaultHours: number;
  privateMetadata: string;
}

export function buildPainModal(model: PainModalModel): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK.painModal,
    title: plain('It bit me', SLACK_LIMITS.viewTitle),
    submit: plain('Record', SLACK_LIMITS.viewSubmit),
    close: plain('Cancel', SLACK_LIMITS.viewClose),
    private_metadata: model.privateMetadata,
    blocks: [
      section(
        `*${formatItemId(model.itemId)}* · ${escapeAndTruncate(model.title, 150)}\nRecord that this debt just cost you time.`,
      ),
      {
        type: 'input',
        block_id: FIELD.hours,
        optional: true,
        label: plain('Hours lost this time', SLACK_LIMITS.inputLabel),
        hint: plain(
          `Leave empty for ${model.defaultHours} h (your severity vote, else the team's median).`,
          SLACK_LIMITS.inputLabel,
        ),
        element: {
          type: 'plain_text_input',
          action_id: FIELD.hours,
          max_length: 8,
          placeholder: plain('e.g. 2.5', 150),
        },
      },
    ],
  } as ModalView;
}
