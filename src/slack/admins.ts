// Is a user a workspace admin or owner? Asked of users.info and cached briefly in Redis.
import type { webApi } from '@slack/bolt';
import type { Deps } from '../deps.ts';
import { withTimeout } from '../lib/timeout.ts';

const CACHE_SECONDS = 600;
const ADMIN_LOOKUP_MS = 1500;

export async function isWorkspaceAdmin(
  deps: Pick<Deps, 'redis' | 'keys' | 'logger'>,
  client: webApi.WebClient,
  teamId: string,
  userId: string,
): Promise<boolean> {
  const key = deps.keys.adminCache(teamId, userId);
  const cached = await deps.redis.get(key);
  if (cached !== null) return cached === '1';
  try {
    // Often asked right before a modal opens: a slow answer counts as "not an admin" (the safe side).
    const info = await withTimeout(client.users.info({ user: userId }), ADMIN_LOOKUP_MS, null);
    if (!info) return false;
    const admin = Boolean(info.user?.is_admin || info.user?.is_owner);
    await deps.redis.set(key, admin ? '1' : '0', 'EX', CACHE_SECONDS);
    return admin;
  } catch (error) {
    // Without an answer the user is treated as a regular member: the safe side of a permission check.
    deps.logger.warn('users.info failed; treating user as non-admin', { teamId, userId, error });
    return false;
  }
}
