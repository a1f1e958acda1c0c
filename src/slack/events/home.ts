// `app_home_opened`: publishes the user's Home tab, computed fresh each time it is opened (SPEC §2.5).
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';
import { publishHome } from '../../features/home.ts';
import { installedTeam } from '../context.ts';

type Args = SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs;

export function handleHomeOpened(deps: Deps) {
  return async ({ event, context, client }: Args): Promise<void> => {
    if (event.tab !== 'home') return;
    const teamId = installedTeam(context);
    try {
      await publishHome(deps, { teamId, userId: event.user, client });
    } catch (error) {
      // Nobody is waiting on an answer here; the tab keeps its previous content.
      deps.logger.warn('home tab not published', { teamId, userId: event.user, error });
    }
  };
}
