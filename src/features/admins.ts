// Is a user a workspace admin or owner? Asked of users.info and cached briefly.
import type { webApi } from '@slack/bolt';
import type { Deps } from '../deps.ts';
import { withTimeout } from '../lib/timeout.ts';

const CACHE_SECONDS = 600;
const ADMIN_LOOKUP_MS = 1500;

export async function isWorkspaceAdmin(
  deps: Pick<Deps, 'adminCache' | 'logger'>,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<boolean> {
  const cached = await deps.adminCache.get(teamId, userId);
  if (cached !== null) return cached;
  try {
    // Often asked right before a modal opens: a slow answer counts as "not an admin" (the safe side).
    const info = await withTimeout(client.users.info({ user: userId }), ADMIN_LOOKUP_MS, null);
    if (!info) return false;
    const admin = Boolean(info.user?.is_admin || info.user?.is_owner);
    await deps.adminCache.set(teamId, userId, admin, CACHE_SECONDS);
    return admin;
  } catch (error) {
    // Without an answer the user is treated as a regular member: the safe side of a permission check.
    deps.logger.warn('users.info failed; treating user as non-admin', { teamId, userId, error });
    return false;
  }
}
