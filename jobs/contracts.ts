// Job names and payload schemas: the contract between whoever enqueues and the processors (SPEC §2.9).
import { z } from 'zod';

export const QUEUE_NAMES = { cards: 'cards' } as const;
export const JOB_NAMES = { cardRefresh: 'card-refresh', backfillPanels: 'backfill-panels' } as const;

const slackId = z.string().regex(/^[A-Z0-9]{2,}$/);

/** Payloads carry ids, not data: the processor reads the latest state when it runs. */
export const CardRefreshPayloadSchema = z.object({
  v: z.literal(1),
  teamId: slackId,
  itemId: z.number().int().positive(),
  /** Which message to refresh; payloads from before the vote panel carry none and mean the card. */
  target: z.enum(['card', 'panel']).default('card'),
});
export type RefreshTarget = z.infer<typeof CardRefreshPayloadSchema>['target'];

/** Runs once per deployment version (its job id is fixed), whichever worker starts first. */
export const BACKFILL_PANELS_JOB_ID = 'backfill-panels-v1';
export type CardRefreshPayload = z.input<typeof CardRefreshPayloadSchema>;
