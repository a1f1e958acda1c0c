// Which workspace installed the app (SPEC §3.2): every read and write is keyed by it, never by the team of
// the person acting. In a Slack Connect channel that person may belong to another organisation, so the
// payload's `team.id` / `user.team_id` (what Bolt would put in context.teamId for commands, buttons and
// shortcuts) name *their* workspace. This app runs with one bot token, so the installing workspace is the
// token's own (auth.test); where a payload names the installation too (`view.app_installed_team_id`,
// `authorizations[0].team_id`) it must agree.
import type { Authorize, AuthorizeResult, webApi } from '@slack/bolt';
import type { Logger } from '../lib/logger.ts';

interface Identity {
  teamId: string;
  enterpriseId: string | undefined;
  botId: string | undefined;
  botUserId: string | undefined;
}

/** The installation a payload names, where Slack puts one in it. */
export function installationInPayload(body: unknown): string | null {
  const b = body as {
    view?: { app_installed_team_id?: unknown } | null;
    authorizations?: { team_id?: unknown }[] | null;
  } | null;
  const fromView = b?.view?.app_installed_team_id;
  if (typeof fromView === 'string' && fromView !== '') return fromView;
  const fromEvent = b?.authorizations?.[0]?.team_id;
  return typeof fromEvent === 'string' && fromEvent !== '' ? fromEvent : null;
}

/** Thrown (and logged by Bolt) for a payload meant for another installation of the app. */
export class ForeignInstallationError extends Error {
  override name = 'ForeignInstallationError';
}

/**
 * Bolt's `authorize` for a single-workspace app. auth.test is asked once and remembered; until it has
 * answered (Slack unreachable at start), the payload's own installation id, else its team, is used.
 */
export function createAuthorize(
  botToken: string,
  client: webApi.WebClient,
  logger: Logger,
): Authorize<boolean> {
  let identity: Promise<Identity> | null = null;
  const load = (): Promise<Identity> => {
    identity ??= client.auth
      .test()
      .then((r) => {
        if (!r.team_id) throw new Error('auth.test returned no team_id');
        return {
          teamId: r.team_id,
          enterpriseId: r.enterprise_id || undefined,
          botId: r.bot_id,
          botUserId: r.user_id,
        };
      })
      .catch((error: unknown) => {
        identity = null;
        throw error;
      });
    return identity;
  };
  // Asked at once, so the first request does not wait for it.
  load().catch((error: unknown) => logger.warn('auth.test failed at start; asking again later', { error }));

  return async (source, body): Promise<AuthorizeResult> => {
    const named = installationInPayload(body);
    let known: Identity;
    try {
      known = await load();
    } catch (error) {
      logger.warn('auth.test failed; keying this request by the workspace its payload names', { error });
      return { botToken, teamId: named ?? source.teamId, enterpriseId: source.enterpriseId };
    }
    if (named !== null && named !== known.teamId)
      throw new ForeignInstallationError(
        `a payload for the installation in ${named} reached the app installed in ${known.teamId}`,
      );
    return {
      botToken,
      botId: known.botId,
      botUserId: known.botUserId,
      teamId: known.teamId,
      enterpriseId: known.enterpriseId ?? source.enterpriseId,
    };
  };
}
