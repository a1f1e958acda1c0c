// *Duplicate of…* from the card's menu (SPEC §1.1): a duplicate is closed as won't fix with a note naming the
// original; the form asks only which item that is.
import { formatItemId, type Item } from '../src/domain/item.ts';
import { CALLBACK, FIELD } from './ids.ts';
import { input, type ModalView, modal } from './inputs.ts';
import { escapeAndTruncateAtWord, plain, section } from './kit.ts';

export const DUPLICATE_ERRORS = {
  notAnId: 'Write the original’s id, e.g. DEBT-7 or 7.',
  itself: 'An item cannot be a duplicate of itself: give the id of the one to keep.',
  outOfDate: 'This form is out of date; choose Duplicate of… on the card again.',
} as const;

export function buildDuplicateModal(model: { item: Item; privateMetadata: string }): ModalView {
  const id = formatItemId(model.item.id);
  return modal(
    CALLBACK.duplicateModal,
    { title: 'Duplicate of…', submit: 'Close as duplicate' },
    model.privateMetadata,
    [
      section(
        `*${id}* · ${escapeAndTruncateAtWord(model.item.title, 150)}\nCloses it as won't fix, noting the original. ` +
          'Its votes and pain reports stay on record; reopening it brings it back.',
      ),
      input(
        FIELD.original,
        'The original item',
        { type: 'plain_text_input', max_length: 20, placeholder: plain('DEBT-7', 150) },
        { hint: 'The one to keep, e.g. DEBT-7 or 7' },
      ),
    ],
  );
}
