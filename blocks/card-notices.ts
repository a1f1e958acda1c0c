// Private answers to the card's overflow menu that confirmations.ts has no sentence for.
import { formatItemId, type Item } from '../src/domain/item.ts';
import type { Message } from './kit.ts';
import { buildNotice } from './notice.ts';

/**
 * *Duplicate of…*: a duplicate is "won't fix" with a note naming the original (SPEC §1.1), and the command
 * already takes that note, so the menu points at it with the id filled in.
 */
export function buildDuplicateHint(item: Item): Message {
  const id = formatItemId(item.id);
  return buildNotice(
    `To close ${id} as a duplicate, send \`/debt wontfix ${id} duplicate of DEBT-…\` with the original's number.`,
    'Its votes and pain reports stay on record; reopening it brings it back.',
  );
}
