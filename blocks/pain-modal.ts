// The small *It bit me* modal (SPEC §1.5): optional hours lost this time.
import { formatItemId } from '../src/domain/item.ts';
import { CALLBACK, FIELD } from './ids.ts';
import { input, type ModalView, modal } from './inputs.ts';
import { escapeAndTruncateAtWord, plain, section } from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

export interface PainModalModel {
  itemId: number;
  title: string;
  defaultHours: number;
  privateMetadata: string;
}

export function buildPainModal(model: PainModalModel): ModalView {
  return modal(CALLBACK.painModal, { title: 'It bit me', submit: 'Record' }, model.privateMetadata, [
    section(
      `*${formatItemId(model.itemId)}* · ${escapeAndTruncateAtWord(model.title, 150)}\nRecord that this debt just cost you time.`,
    ),
    input(
      FIELD.hours,
      'Hours lost this time',
      { type: 'plain_text_input', max_length: 8, placeholder: plain('e.g. 2.5', SLACK_LIMITS.placeholder) },
      {
        optional: true,
        hint: `Leave empty for ${model.defaultHours} h (your severity vote, else the team's median).`,
      },
    ),
  ]);
}
