// views.* methods: modals need a fresh trigger_id; updates honour `hash`; Home tabs are per user.
import { isRecord, str } from './parse.ts';
import { BOT_ID, type SlackState } from './state.ts';
import type { Args, Reply, StoredView } from './types.ts';

const fail = (error: string): Reply => ({ ok: false, error });

function build(s: SlackState, view: Args, id: string, extra: Partial<StoredView> = {}): StoredView {
  return {
    ...view,
    id,
    team_id: s.teamId,
    app_id: 'A0FAKE',
    bot_id: BOT_ID,
    state: { values: {} },
    private_metadata: str(view.private_metadata) ?? '',
    callback_id: str(view.callback_id) ?? '',
    root_view_id: id,
    previous_view_id: null,
    ...extra,
    hash: s.newHash(),
  };
}

function openLike(s: SlackState, a: Args, method: string, extra: Partial<StoredView> = {}): Reply {
  if (!isRecord(a.view)) return fail('invalid_arguments');
  const refusal = s.useTrigger(str(a.trigger_id), method);
  if (refusal) return fail(refusal);
  const id = s.nextViewId();
  const view = build(s, a.view, id, extra);
  s.views.set(id, view);
  return { ok: true, view };
}

export const open = (s: SlackState, a: Args): Reply => openLike(s, a, 'views.open');

export const push = (s: SlackState, a: Args): Reply => openLike(s, a, 'views.push');

export function update(s: SlackState, a: Args): Reply {
  if (!isRecord(a.view)) return fail('invalid_arguments');
  const externalId = str(a.external_id);
  let id = str(a.view_id);
  if (!id && externalId) id = [...s.views.values()].find((v) => v.external_id === externalId)?.id;
  if (!id) return fail(externalId ? 'not_found' : 'invalid_arguments');
  const current = s.views.get(id);
  // Tests hand-build view_submission payloads with their own view ids, so unknown ids are accepted.
  const hash = str(a.hash);
  if (current && hash && hash !== current.hash) return fail('hash_conflict');
  const view = build(s, a.view, id, { root_view_id: current?.root_view_id ?? id });
  s.views.set(id, view);
  return { ok: true, view };
}

export function publish(s: SlackState, a: Args): Reply {
  const userId = str(a.user_id);
  if (!userId) return fail('invalid_arguments');
  if (!isRecord(a.view) || a.view.type !== 'home') return fail('invalid_arguments');
  const currentId = s.homes.get(userId);
  const current = currentId ? s.views.get(currentId) : undefined;
  const hash = str(a.hash);
  if (current && hash && hash !== current.hash) return fail('hash_conflict');
  const id = currentId ?? s.nextViewId();
  const view = build(s, a.view, id, { user_id: userId });
  s.views.set(id, view);
  s.homes.set(userId, id);
  return { ok: true, view };
}
