// The My votes modal's submission (SPEC §2.3): read the radio groups, apply the changes through the vote use
// case, close the modal, then confirm privately through the panel click's response_url when there is one.
import { z } from 'zod';
import { homeNotice } from '../../../blocks/home.ts';
import { FIELD } from '../../../blocks/ids.ts';
import type { Message } from '../../../blocks/kit.ts';
import { buildMyVotesReceipt, MY_VOTE_FIELD, NO_VOTE } from '../../../blocks/my-votes-modal.ts';
import type { Deps } from '../../deps.ts';
import { DIMENSIONS, type Dimension, isLevel, type Level } from '../../domain/scales.ts';
import { publishHome } from '../../features/home.ts';
import { postToResponseUrl } from '../../features/tell-user.ts';
import { type MyVotesSubmission, setMyVotes } from '../../features/vote.ts';
import { readMetadata } from '../modals.ts';
import { answeringViewErrors, type FieldErrorsResponse, fieldError } from '../reply.ts';
import { type ViewArgs, viewContext, viewValues } from './context.ts';
import { field, type ViewStateValues } from './filing-state.ts';

/**
 * Which item, from which channel, and the *My votes* click's response_url: a view submission has no reply
 * route of its own, and the click's (valid 30 min, 5 uses) puts the receipt where a vote click's goes.
 */
export const MyVotesMetadataSchema = z.object({
  v: z.literal(1),
  itemId: z.number().int().positive(),
  channelId: z.string().nullable(),
  responseUrl: z.string().url().max(1000).nullable(),
});

const OUT_OF_DATE = 'This form is out of date; open My votes again.';

/** The level chosen per dimension (null: "No vote"); a group Slack sent no choice for stays as it is. */
export function parseMyVotes(values: ViewStateValues): Partial<Record<Dimension, Level | null>> | null {
  const levels: Partial<Record<Dimension, Level | null>> = {};
  for (const dimension of DIMENSIONS) {
    const raw = field(values, MY_VOTE_FIELD[dimension]).selected_option?.value;
    if (raw === undefined) continue;
    if (raw === NO_VOTE) {
      levels[dimension] = null;
      continue;
    }
    const level = Number(raw);
    // A value we never offered: the form is not ours as we built it.
    if (!isLevel(level)) return null;
    levels[dimension] = level;
  }
  return levels;
}

/** The receipt through the click's response_url; without one, nothing extra (the panel shows the change). */
async function confirmPrivately(deps: Pick<Deps, 'logger'>, responseUrl: string, content: Message) {
  try {
    const res = await postToResponseUrl(responseUrl, content);
    if (!res.ok) deps.logger.warn('my votes saved; response_url refused the receipt', { status: res.status });
  } catch (error) {
    deps.logger.warn('my votes saved; receipt not delivered', { error });
  }
}

export function handleMyVotesSubmission(deps: Deps) {
  return async (args: ViewArgs): Promise<void> => {
    const { ack, view } = args;
    const meta = readMetadata(MyVotesMetadataSchema, view.private_metadata);
    const levels = parseMyVotes(viewValues(view));
    if (!meta || !levels) {
      await ack(fieldError(FIELD.severity, OUT_OF_DATE));
      return;
    }
    const ctx = viewContext(deps, args, meta.channelId);
    const submission: MyVotesSubmission = {
      itemId: meta.itemId,
      levels,
      submissionId: `${view.id}:${view.hash}`,
    };
    let receipt: Message | null = null;
    const closed = await answeringViewErrors(
      deps,
      ack,
      FIELD.severity,
      async (): Promise<FieldErrorsResponse | undefined> => {
        receipt = buildMyVotesReceipt(await setMyVotes(deps, ctx, submission));
        return undefined;
      },
      { teamId: ctx.teamId, itemId: meta.itemId },
    );
    if (!closed || !receipt) return;
    const { text } = receipt as Message;
    // Opened from a vote panel: the receipt goes to its response_url. From Home, which has none: a new Home.
    if (meta.responseUrl) await confirmPrivately(deps, meta.responseUrl, receipt);
    else await publishHome(deps, ctx, homeNotice.voted(text));
  };
}
