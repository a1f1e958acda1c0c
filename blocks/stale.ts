// What a person sees after using a button, form or shortcut the app no longer knows (SPEC §3.2): an older
// version's message, or a removed feature. Answered at once, never left to time out.
import { type Block, type Message, type PlainText, plain, section } from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';
import { buildNotice } from './notice.ts';

const STALE = 'comes from an older version of Debt Triage and does nothing now. Nothing was changed.';
const HINT = 'Type `/debt help` to see what works today, or `/debt list` for this channel’s items.';

export function buildStaleNotice(what: 'button' | 'shortcut'): Message {
  return buildNotice(`This ${what} ${STALE}`, HINT);
}

/** Replaces a submitted form the app does not know, so the person is not left with a spinning modal. */
export function buildStaleModal(): { type: 'modal'; title: PlainText; close: PlainText; blocks: Block[] } {
  return {
    type: 'modal',
    title: plain('Debt Triage', SLACK_LIMITS.viewTitle),
    close: plain('Close', SLACK_LIMITS.viewClose),
    blocks: [section(`This form ${STALE} ${HINT}`)],
  };
}
