// views.* methods: modals need a fresh trigger_id and belong to the person who interacted; updates honour
// `hash`; Home tabs are per user.
import { fail } from './http.ts';
import { buildView, openModal, pushModal, replaceView } from './modals.ts';
import { isRecord, str } from './parse.ts';
import type { SlackState } from './state.ts';
import type { Args, Reply } from './types.ts';

/** https://docs.slack.dev/reference/methods/views.open: a new modal for the person the trigger came from. */
export function open(s: SlackState, a: Args): Reply {
  if (!isRecord(a.view)) return fail('invalid_arguments');
  const triggerId = str(a.trigger_id);
  const refusal = s.useTrigger(triggerId, 'views.open');
  if (refusal) return fail(refusal);
  return { ok: true, view: openModal(s, a.view, s.triggerUser(triggerId)) };
}

/** https://docs.slack.dev/reference/methods/views.push: onto that person's stack, at most 3 views deep. */
export function push(s: SlackState, a: Args): Reply {
  if (!isRecord(a.view)) return fail('invalid_arguments');
  const triggerId = str(a.trigger_id);
  const refusal = s.useTrigger(triggerId, 'views.push');
  if (refusal) return fail(refusal);
  const user = s.triggerUser(triggerId);
  const view = pushModal(s, a.view, user);
  if (view !== 'push_limit_reached') return { ok: true, view };
  s.violation(`views.push: ${user}'s modal already holds 3 views (push_limit_reached)`);
  return fail(view);
}

/** https://docs.slack.dev/reference/methods/views.update: replaces the view in place; the stack is unchanged. */
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
  return { ok: true, view: replaceView(s, id, a.view) };
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
  const view = buildView(s, a.view, id, { user_id: userId });
  s.views.set(id, view);
  s.homes.set(userId, id);
  return { ok: true, view };
}
