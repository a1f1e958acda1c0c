// The settings modal's submission: validate inline, check permission again, save, sync the schedule, ack.
import { FIELD } from '../../../blocks/ids.ts';
import type { Deps } from '../../deps.ts';
import { requireSteward, saveChannelSettings } from '../../features/channel-settings.ts';
import { readMetadata, SettingsMetadataSchema } from '../modals.ts';
import { answeringViewErrors, fieldError } from '../reply.ts';
import { type ViewArgs, viewContext, viewValues } from './context.ts';
import { isSettingsErrors, parseSettingsState } from './settings-state.ts';

export function handleSettingsSubmission(deps: Deps) {
  return async (args: ViewArgs): Promise<void> => {
    const { ack, view } = args;
    const meta = readMetadata(SettingsMetadataSchema, view.private_metadata);
    if (!meta) {
      await ack(fieldError(FIELD.timezone, 'This form is out of date; run /debt config again.'));
      return;
    }
    const ctx = viewContext(deps, args, meta.channelId);
    await answeringViewErrors(
      deps,
      ack,
      FIELD.timezone,
      async () => {
        // Validated against the stored settings, which are read here, inside the funnel (Redis may be down).
        const current = await deps.settings.get(ctx.teamId, meta.channelId);
        const parsed = parseSettingsState(viewValues(view), current);
        if (isSettingsErrors(parsed)) return { response_action: 'errors', errors: parsed };
        await requireSteward(deps, ctx, current, 'change these settings');
        await saveChannelSettings(deps, ctx, meta.channelId, current, parsed);
        return undefined;
      },
      { teamId: ctx.teamId, channelId: meta.channelId },
    );
  };
}
