// Modal view stacks, per person: what views.open, views.push, views.update and a submission's ack do to them.
import { str } from './parse.ts';
import { BOT_ID, type SlackState } from './state.ts';
import type { Args, StoredView } from './types.ts';

/**
 * "A modal can hold up to 3 views at a time in a view stack" (https://docs.slack.dev/surfaces/modals);
 * past it views.push answers push_limit_reached (https://docs.slack.dev/reference/methods/views.push).
 */
export const MAX_STACK = 3;

/** A view object as Slack answers it: the app's view plus the ids, hash and state Slack adds. */
export function buildView(
  s: SlackState,
  view: Args,
  id: string,
  extra: Partial<StoredView> = {},
): StoredView {
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

/** views.open: a new modal whose stack is just this view; one already open for that person is replaced. */
export function openModal(s: SlackState, view: Args, userId: string | undefined): StoredView {
  const id = s.nextViewId();
  const stored = buildView(s, view, id, userId ? { user_id: userId } : {});
  s.views.set(id, stored);
  if (userId) {
    clearModal(s, userId);
    s.modalStacks.set(userId, [id]);
  }
  return stored;
}

/**
 * views.push (or a `push` ack): the view goes on top, with `root_view_id` the stack's first view and
 * `previous_view_id` the one it covers (the view object fields, https://docs.slack.dev/reference/views/modal-views).
 * With no modal open for that person it starts one. Answers push_limit_reached on a full stack.
 */
export function pushModal(
  s: SlackState,
  view: Args,
  userId: string | undefined,
): StoredView | 'push_limit_reached' {
  const stack = userId ? s.modalStacks.get(userId) : undefined;
  const [root] = stack ?? [];
  if (!userId || !stack || root === undefined) return openModal(s, view, userId);
  if (stack.length >= MAX_STACK) return 'push_limit_reached';
  const id = s.nextViewId();
  const stored = buildView(s, view, id, {
    user_id: userId,
    root_view_id: root,
    previous_view_id: stack.at(-1),
  });
  s.views.set(id, stored);
  stack.push(id);
  return stored;
}

/** views.update (or an `update` ack): the same id, person and place in the stack; a new hash. */
export function replaceView(s: SlackState, id: string, view: Args): StoredView {
  const current = s.views.get(id);
  const stored = buildView(s, view, id, {
    root_view_id: current?.root_view_id ?? id,
    previous_view_id: current?.previous_view_id ?? null,
    ...(current?.user_id ? { user_id: current.user_id } : {}),
  });
  s.views.set(id, stored);
  return stored;
}

/**
 * Closes `viewId` and every view above it; the person is back on the one below, or on no modal. With `clear` (the
 * view's `clear_on_close`, https://docs.slack.dev/reference/views/modal-views) the whole modal closes.
 */
export function closeFrom(s: SlackState, userId: string, viewId: string, clear = false): void {
  const stack = s.modalStacks.get(userId);
  const i = stack?.indexOf(viewId) ?? -1;
  if (!stack || i < 0) return;
  forget(s, stack.splice(clear ? 0 : i));
  if (stack.length === 0) s.modalStacks.delete(userId);
}

/** Every view of the person's modal closes (`clear_on_close`, a `clear` ack, a new views.open). */
export function clearModal(s: SlackState, userId: string): void {
  forget(s, s.modalStacks.get(userId) ?? []);
  s.modalStacks.delete(userId);
}

/**
 * A closed modal view is gone for good (no one sees it again), so a long session does not keep every one; a view
 * that is someone's Home tab stays.
 */
function forget(s: SlackState, ids: string[]): void {
  const homes = new Set(s.homes.values());
  for (const id of ids) if (!homes.has(id)) s.views.delete(id);
}

/** The person's open modal, bottom (root) first, as copies the caller may keep. */
export function stackViews(s: SlackState, userId: string): StoredView[] {
  return (s.modalStacks.get(userId) ?? [])
    .map((id) => s.views.get(id))
    .filter((v): v is StoredView => v !== undefined)
    .map((v) => structuredClone(v));
}
