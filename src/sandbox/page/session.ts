// Surfaces bound to the viewer: what their controls do goes to the stand-in as the viewer, and a refusal is
// shown, never swallowed.
import type { ActionSource, SandboxState } from '../contract.ts';
import { type Answer, post } from './api.ts';
import type { MrkdwnContext } from './mrkdwn.ts';
import { collectStateValues, type OptionObject, optionsOf } from './state-values.ts';
import { type RegisteredField, readFields, type Surface } from './surface.ts';

export interface Session {
  /** The viewer's user id. */
  me(): string;
  /** Shows a refusal; true when the stand-in accepted. */
  accepted<T>(answer: Answer<T>): answer is { ok: true } & T;
}

/** Names for mentions: people's display names and the channels the viewer can see. */
export const mrkdwnContext = (state: SandboxState): MrkdwnContext => ({
  users: new Map(state.users.map((u) => [u.id, u.name])),
  channels: new Map(state.channels.map((c) => [c.id, c.name])),
  now: new Date(),
});

export function createSurface(
  session: Session,
  state: SandboxState,
  source: ActionSource,
  fields: RegisteredField[],
): Surface {
  return {
    source,
    mrkdwn: mrkdwnContext(state),
    users: state.users,
    channels: state.channels,
    fields,
    act: (action) => {
      // Slack sends a view's state with actions from modals and Home; messages carry none the app reads.
      const values = source.kind === 'message' ? undefined : collectStateValues(readFields(fields));
      void post('action', { user: session.me(), source, action, ...(values ? { values } : {}) }).then(
        session.accepted,
      );
    },
    loadOptions: async (blockId, actionId, query): Promise<OptionObject[]> => {
      const answer = await post('options', {
        user: session.me(),
        source,
        action_id: actionId,
        block_id: blockId,
        value: query,
      });
      if (!answer.ok) throw new Error(answer.error);
      return optionsOf({ options: answer.options ?? [], option_groups: answer.option_groups ?? [] });
    },
  };
}
