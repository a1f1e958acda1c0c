// Item changes shared by commands, buttons and modals: permission check, change, history, card refresh.
import type { Deps } from '../deps.ts';
import { forbidden, invalid, notFound } from '../domain/errors.ts';
import {
  formatItemId,
  type Item,
  type ItemDraft,
  nextStatus,
  STATUS_LABELS,
  type StatusAction,
} from '../domain/item.ts';
import { canManageItem, canSeeItem, MANAGERS } from '../domain/permissions.ts';
import type { EventInput } from '../store/items.ts';
import { isWorkspaceAdmin } from './admins.ts';
import { refreshItemMessages } from './cards.ts';
import type { RequestContext } from './context.ts';

export type OpsDeps = Pick<
  Deps,
  'items' | 'settings' | 'scores' | 'redis' | 'keys' | 'logger' | 'cardQueue' | 'clock'
>;

/** The item as this user may see it from this channel; anything else is "not found", never "forbidden". */
export async function findVisibleItem(deps: OpsDeps, ctx: RequestContext, id: number): Promise<Item> {
  const item = await deps.items.get(ctx.teamId, id);
  if (!item || !canSeeItem(item, ctx.userId, ctx.channelId)) throw notFound(formatItemId(id));
  return item;
}

export async function requireManager(
  deps: OpsDeps,
  ctx: RequestContext,
  item: Item,
  what: string,
): Promise<void> {
  const { stewards } = await deps.settings.get(ctx.teamId, item.channelId);
  if (canManageItem(item, { userId: ctx.userId, isAdmin: false }, stewards)) return;
  if (await isWorkspaceAdmin(deps, ctx.client, ctx.teamId, ctx.userId)) return;
  throw forbidden(`Only ${MANAGERS} can ${what} ${formatItemId(item.id)}.`);
}

/** Checks the user may manage the item, applies the change to the latest state and queues the card refresh. */
export async function manageItem(
  deps: OpsDeps,
  ctx: RequestContext,
  id: number,
  what: string,
  change: (item: Item) => Item,
  event: EventInput,
): Promise<Item> {
  const item = await findVisibleItem(deps, ctx, id);
  await requireManager(deps, ctx, item, what);
  const saved = await deps.items.update(ctx.teamId, id, change, event);
  await refreshItemMessages(deps, saved);
  return saved;
}

export async function changeStatus(
  deps: OpsDeps,
  ctx: RequestContext,
  id: number,
  action: StatusAction,
  note: string,
) {
  const now = deps.clock.now().toISOString();
  // The interest it had when resolved is what the digest credits as paid down (SPEC §2.4).
  const current = action === 'resolve' ? await deps.items.get(ctx.teamId, id) : null;
  const [scored] = current ? await deps.scores.score(ctx.teamId, [current]) : [];
  const interest = scored?.score.interest ?? null;
  return manageItem(
    deps,
    ctx,
    id,
    'change the status of',
    (item) => {
      const status = nextStatus(item.status, action);
      const closing = status === 'resolved' || status === 'wont_fix';
      return {
        ...item,
        status,
        resolvedAt: closing ? now : null,
        resolvedBy: closing ? ctx.userId : null,
        resolvedInterest: status === 'resolved' ? interest : null,
      };
    },
    (before, after) => ({
      kind: 'status_changed',
      actorId: ctx.userId,
      detail: `${STATUS_LABELS[before.status]} → ${STATUS_LABELS[after.status]}`,
      note,
    }),
  );
}

export function assignOwner(deps: OpsDeps, ctx: RequestContext, id: number, ownerId: string) {
  return manageItem(
    deps,
    ctx,
    id,
    'assign',
    (item) => {
      if (item.ownerId === ownerId) throw invalid(`${formatItemId(id)} is already assigned to them.`);
      return { ...item, ownerId };
    },
    { kind: 'assigned', actorId: ctx.userId, subjectId: ownerId },
  );
}

const EDITABLE: readonly (keyof ItemDraft)[] = [
  'title',
  'description',
  'category',
  'component',
  'links',
  'ownerId',
];

export function editItem(deps: OpsDeps, ctx: RequestContext, id: number, draft: ItemDraft) {
  return manageItem(
    deps,
    ctx,
    id,
    'edit',
    (item) => ({ ...item, ...draft }),
    (before, after) => {
      const changed = EDITABLE.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
      return changed.length === 0
        ? null
        : { kind: 'edited', actorId: ctx.userId, detail: changed.join(', ') };
    },
  );
}
