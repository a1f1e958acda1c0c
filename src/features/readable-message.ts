// A message's text as a person reads it (SPEC §3.2), for prefilling a modal: mentions become `@name`, with
// names from the cache or users.info, asked in parallel and cut short so the modal still opens in time.
import type { webApi } from '@slack/bolt';
import type { Deps } from '../deps.ts';
import { mentionedUserIds, readableText } from '../domain/slack-text.ts';
import { BEFORE_MODAL_MS, withTimeout } from '../lib/timeout.ts';
import type { Actor } from './actor.ts';

/** How long a looked-up name is kept: people rarely rename themselves, and a stale name is harmless. */
export const USER_NAME_TTL_SECONDS = 24 * 60 * 60;
/** At most this many users.info calls per message; further mentions keep their label or id. */
export const MAX_NAME_LOOKUPS = 20;
/** At most this many names read from the cache (one MGET) per message. */
const MAX_CACHED_NAMES = 200;

type UsersInfo = Awaited<ReturnType<webApi.WebClient['users']['info']>>;

/** The name Slack shows for a user: the display name they chose, else their full name, else the handle. */
function shownName(user: UsersInfo['user']): string | null {
  const name =
    user?.profile?.display_name?.trim() ||
    user?.profile?.real_name?.trim() ||
    user?.real_name?.trim() ||
    user?.name?.trim();
  return name || null;
}

/** Fills `names` as answers arrive (cache first, then users.info), so a cut-short lookup keeps what it has. */
async function lookUpNames(
  deps: Pick<Deps, 'userNames' | 'logger'>,
  actor: Pick<Actor, 'teamId' | 'client'>,
  userIds: readonly string[],
  names: Map<string, string>,
): Promise<void> {
  const { teamId, client } = actor;
  const cached = await deps.userNames
    .get(teamId, userIds.slice(0, MAX_CACHED_NAMES))
    .catch((error: unknown) => {
      deps.logger.warn('user name cache unreadable; asking Slack', { teamId, error });
      return new Map<string, string>();
    });
  for (const [id, name] of cached) names.set(id, name);

  const missing = userIds.filter((id) => !names.has(id)).slice(0, MAX_NAME_LOOKUPS);
  const found = new Map<string, string>();
  const failed: { userId: string; error: unknown }[] = [];
  await Promise.all(
    missing.map(async (userId) => {
      try {
        const name = shownName((await client.users.info({ user: userId })).user);
        if (name) {
          names.set(userId, name);
          found.set(userId, name);
        }
      } catch (error) {
        failed.push({ userId, error });
      }
    }),
  );
  if (failed.length > 0) {
    deps.logger.warn('users.info failed; those mentions keep their label or id', {
      teamId,
      userIds: failed.map((f) => f.userId),
      error: failed[0]?.error,
    });
  }
  // Answers that arrive after the modal opened are still remembered, for the next message.
  await deps.userNames.set(teamId, found, USER_NAME_TTL_SECONDS).catch((error: unknown) => {
    deps.logger.warn('user names not cached', { teamId, error });
  });
}

/**
 * `text` (message mrkdwn) as plain, readable text. Mentioned users' names come from the cache or users.info
 * within `budgetMs`; whoever is not known by then reads as the mention's label, else the id.
 */
export async function readableMessage(
  deps: Pick<Deps, 'userNames' | 'logger'>,
  actor: Pick<Actor, 'teamId' | 'client'>,
  text: string,
  budgetMs: number = BEFORE_MODAL_MS,
): Promise<string> {
  const userIds = mentionedUserIds(text);
  const names = new Map<string, string>();
  if (userIds.length > 0) {
    const done = await withTimeout(
      lookUpNames(deps, actor, userIds, names).then(
        () => true,
        (error: unknown) => {
          deps.logger.warn('user name lookup failed; mentions keep their label or id', { error });
          return true;
        },
      ),
      budgetMs,
      false,
    );
    if (!done) {
      deps.logger.info('user name lookup cut short; the modal opens without every name', {
        teamId: actor.teamId,
        known: names.size,
        mentioned: userIds.length,
      });
    }
  }
  // A copy: answers still arriving must not change the text once it is read.
  return readableText(text, new Map(names));
}
