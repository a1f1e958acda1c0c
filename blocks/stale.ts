// What a person sees after using a button, form or shortcut the app no longer knows (SPEC §3.2): an older
// version's message, or a removed feature. Answered at once, never left to time out.
import { type Message, message, section } from './kit.ts';
import { buildNotice, buildNoticeModal, type NoticeModal } from './notice.ts';

const STALE = 'comes from an older version of Debt Triage and does nothing now. Nothing was changed.';
const HINT = 'Type `/debt help` to see what works today, or `/debt list` for this channel’s items.';

export function buildStaleNotice(what: 'button' | 'shortcut'): Message {
  return buildNotice(`This ${what} ${STALE}`, HINT);
}

/** Replaces a submitted form the app does not know, so the person is not left with a spinning modal. */
export function buildStaleModal(): NoticeModal {
  return buildNoticeModal(message(`This form ${STALE}`, [section(`This form ${STALE} ${HINT}`)]));
}
