// Who may do what (SPEC §1.6) and who may see what. Pure: callers supply stewards and admin status.
import type { Item } from './item.ts';

export interface UserRole {
  userId: string;
  /** Workspace admin or owner (users.info). */
  isAdmin: boolean;
}

/** Reporter, owner, the channel's stewards and workspace admins may edit, assign and change status. */
export function canManageItem(item: Item, actor: UserRole, stewards: readonly string[]): boolean {
  return (
    actor.isAdmin ||
    actor.userId === item.reporterId ||
    actor.userId === item.ownerId ||
    stewards.includes(actor.userId)
  );
}

export const MANAGERS = "the item's reporter, its owner, this channel's stewards or a workspace admin";

/**
 * Privacy (§1.6): an item in a private channel (or one not yet known to be public) shows only in that
 * channel's views and to its reporter and owner. `viewChannelId` is the channel the view is asked from.
 */
export function canSeeItem(item: Item, viewerId: string, viewChannelId: string | null): boolean {
  return (
    item.channelVisibility === 'public' ||
    item.channelId === viewChannelId ||
    item.reporterId === viewerId ||
    item.ownerId === viewerId
  );
}

/**
 * Channels whose totals anyone may see: every item filed there is known to be public. A channel with one
 * private (or not yet known) item is left out, since its totals would tell about an item the viewer may not
 * see (§1.6). Workspace views (stats, Home) show only these channels' series and rates to non-admins.
 */
export function publicChannels(items: readonly Pick<Item, 'channelId' | 'channelVisibility'>[]): Set<string> {
  const isPublic = new Map<string, boolean>();
  for (const item of items)
    isPublic.set(
      item.channelId,
      (isPublic.get(item.channelId) ?? true) && item.channelVisibility === 'public',
    );
  return new Set([...isPublic].filter(([, yes]) => yes).map(([channel]) => channel));
}
