// The ephemeral answer to `/debt hit` (SPEC §1.5): what was recorded, and the item's reports and interest.
import { formatItemId } from '../src/domain/item.ts';
import type { Score } from '../src/domain/scoring.ts';
import { hours, interestText } from './format.ts';
import type { Message } from './kit.ts';
import { buildNotice } from './notice.ts';

export interface PainReceiptModel {
  itemId: number;
  /** Hours recorded for this report. */
  hours: number;
  /** Reports on the item so far, with the item's score; null when they could not be read after recording. */
  reports: number | null;
  score: Score | null;
}

export function buildPainReceipt(model: PainReceiptModel): Message {
  let text = `Recorded: ${formatItemId(model.itemId)} cost you ${hours(model.hours)} h.`;
  if (model.reports !== null && model.score)
    text += ` ${model.reports} report${model.reports === 1 ? '' : 's'} so far; interest ${interestText(model.score)}.`;
  return buildNotice(text);
}
