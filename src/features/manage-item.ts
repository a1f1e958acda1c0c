// Finding an item the user may see, and changing it (status, owner, fields): permission check, change,
// history, card refresh. Shared by commands, buttons and modals.
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
import type { Actor } from './actor.ts';
import { isWorkspaceAdmin } from './admins.ts';
import { celebrateResolution } from './celebrate-resolution.ts';

export type ItemDeps = Pick<
  Deps,
  'items' | 'settings' | 'scores' | 'adminCache' | 'logger' | 'producers' | 'clock'
>;

/** The item as this user may see it from this channel; anything else is "not found", never "forbidden". */
export async function findVisibleItem(deps: ItemDeps, actor: Actor, id: number): Promise<Item> {
  const item = await deps.items.get(actor.teamId, id);
  if (!item || !canSeeItem(item, actor.userId, actor.channelId)) throw notFound(formatItemId(id));
  return item;
}

export async function requireManager(deps: ItemDeps, actor: Actor, item: Item, what: string): Promise<void> {
  const { stewards } = await deps.settings.get(actor.teamId, item.channelId);
  if (canManageItem(item, { userId: actor.userId, isAdmin: false }, stewards)) return;
  if (await isWorkspaceAdmin(deps, actor.client, actor.teamId, actor.userId)) return;
  throw forbidden(`Only ${MANAGERS} can ${what} ${formatItemId(item.id)}.`);
}

/** Checks the user may manage the item, applies the change to the latest state and queues the card refresh. */
export async function manageItem(
  deps: ItemDeps,
  actor: Actor,
  id: number,
  what: string,
  change: (item: Item) => Item,
  event: EventInput,
): Promise<Item> {
  const item = await findVisibleItem(deps, actor, id);
  await requireManager(deps, actor, item, what);
  const saved = await deps.items.update(actor.teamId, id, change, event);
  await deps.producers.refreshItemMessages(saved);
  return saved;
}

export async function changeStatus(
  deps: ItemDeps,
  actor: Actor,
  id: number,
  action: StatusAction,
  note: string,
) {
  const now = deps.clock.now().toISOString();
  // The interest it had when resolved is what the digest credits as paid down (SPEC §2.4).
  const current = action === 'resolve' ? await deps.items.get(actor.teamId, id) : null;
  const [scored] = current ? await deps.scores.score(actor.teamId, [current]) : [];
  const interest = scored?.score.interest ?? null;
  const saved = await manageItem(
    deps,
    actor,
    id,
    'change the status of',
    (item) => {
      const status = nextStatus(item.status, action);
      const closing = status === 'resolved' || status === 'wont_fix';
      return {
        ...item,
        status,
        resolvedAt: closing ? now : null,
        resolvedBy: closing ? actor.userId : null,
        resolvedInterest: status === 'resolved' ? interest : null,
      };
    },
    (before, after) => ({
      kind: 'status_changed',
      actorId: actor.userId,
      detail: `${STATUS_LABELS[before.status]} → ${STATUS_LABELS[after.status]}`,
      note,
    }),
  );
  // Every way of resolving (command, button, overflow) comes through here, so each is celebrated once: a second
  // resolve of the same item is refused by nextStatus before this line.
  if (saved.status === 'resolved') await celebrateResolution(deps, actor.client, saved);
  return saved;
}

export function assignOwner(deps: ItemDeps, actor: Actor, id: number, ownerId: string) {
  return manageItem(
    deps,
    actor,
    id,
    'assign',
    (item) => {
      if (item.ownerId === ownerId) throw invalid(`${formatItemId(id)} is already assigned to them.`);
      return { ...item, ownerId };
    },
    { kind: 'assigned', actorId: actor.userId, subjectId: ownerId },
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

export function editItem(deps: ItemDeps, actor: Actor, id: number, draft: ItemDraft) {
  return manageItem(
    deps,
    actor,
    id,
    'edit',
    (item) => ({ ...item, ...draft }),
    (before, after) => {
      const changed = EDITABLE.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
      return changed.length === 0
        ? null
        : { kind: 'edited', actorId: actor.userId, detail: changed.join(', ') };
    },
  );
}
