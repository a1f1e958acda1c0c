// Job names and payload schemas: the contract between whoever enqueues and the processors (SPEC §2.9).
import { z } from 'zod';

export const QUEUE_NAMES = { cards: 'cards' } as const;
export const JOB_NAMES = { cardRefresh: 'card-refresh' } as const;

const slackId = z.string().regex(/^[A-Z0-9]{2,}$/);

/** Payloads carry ids, not data: the processor reads the latest state when it runs. */
export const CardRefreshPayloadSchema = z.object({
  v: z.literal(1),
  teamId: slackId,
  itemId: z.number().int().positive(),
});
export type CardRefreshPayload = z.infer<typeof CardRefreshPayloadSchema>;
