// The settings modal's submission: validate inline, check permission again, save, sync the schedule, ack.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { FIELD } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { readMetadata, SettingsMetadataSchema } from '../modals.ts';
import { describeError } from '../reply.ts';
import { requireSteward, saveChannelSettings } from '../settings-ops.ts';
import { fieldError, viewContext } from './context.ts';
import type { ViewStateValues } from './filing-state.ts';
import { isSettingsErrors, parseSettingsState } from './settings-state.ts';

type Args = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function handleSettingsSubmission(deps: Deps) {
  return async ({ ack, body, view, client }: Args): Promise<void> => {
    const meta = readMetadata(SettingsMetadataSchema, view.private_metadata);
    if (!meta) {
      await ack(fieldError(FIELD.timezone, 'This form is out of date; run /debt config again.'));
      return;
    }
    const ctx = viewContext(deps, body, client, meta.channelId);
    const { teamId } = ctx;
    try {
      const current = await deps.settings.get(teamId, meta.channelId);
      const parsed = parseSettingsState(view.state.values as ViewStateValues, current);
      if (isSettingsErrors(parsed)) {
        await ack({ response_action: 'errors', errors: parsed });
        return;
      }
      await requireSteward(deps, ctx, current, 'change these settings');
      await saveChannelSettings(deps, ctx, meta.channelId, current, parsed);
    } catch (error) {
      deps.logger.info('settings not saved', { teamId, channelId: meta.channelId, error });
      await ack(fieldError(FIELD.timezone, describeError(error)));
      return;
    }
    await ack();
  };
}
