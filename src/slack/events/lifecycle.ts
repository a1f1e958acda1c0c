// `app_uninstalled` and `tokens_revoked` (SPEC §3.1): posting stops as it does when Slack refuses the token
// (SPEC §2.4) and /readyz says why; every item, vote and setting is kept for a reinstall.
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Deps } from '../../deps.ts';

type Args = SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'> & AllMiddlewareArgs;

export function handleAccessLost(deps: Pick<Deps, 'digests' | 'clock' | 'logger'>) {
  return async ({ event, context }: Args): Promise<void> => {
    // tokens_revoked also names user tokens; this app holds only its bot token, so any revocation is ours.
    await deps.digests.pause(event.type, deps.clock.now().toISOString());
    deps.logger.error('SLACK ACCESS LOST: all posting is paused until the app is reinstalled', {
      event: event.type,
      teamId: context.teamId,
    });
  };
}
