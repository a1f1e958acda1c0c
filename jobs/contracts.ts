// Job names and payload schemas: the contract between whoever enqueues and the processors (SPEC §2.9).
import { z } from 'zod';
import { SlackIdSchema } from '../src/domain/item.ts';

export const QUEUE_NAMES = { cards: 'cards', digests: 'digests' } as const;
export const JOB_NAMES = {
  cardRefresh: 'card-refresh',
  backfillPanels: 'backfill-panels',
  cardSweep: 'card-sweep',
  digest: 'digest',
  snapshotSweep: 'snapshot-sweep',
  exportItems: 'export-items',
  voteReminders: 'vote-reminders',
} as const;

/** Payloads carry ids, not data: the processor reads the latest state when it runs. */
export const CardRefreshPayloadSchema = z.object({
  v: z.literal(1),
  teamId: SlackIdSchema,
  itemId: z.number().int().positive(),
  /** Which message to refresh; payloads from before the vote panel carry none and mean the card. */
  target: z.enum(['card', 'panel']).default('card'),
  /**
   * The request that queued the refresh (src/lib/request-context.ts), so the job's log lines carry its id.
   * Optional: payloads from before it, and refreshes queued outside a request, have none. Coalesced requests
   * share the job of the first (jobs/producers/refresh.ts).
   */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
});
/** Refresh requests in one slot share a job; the processor keeps calls to one message this far apart. */
export const REFRESH_SLOT_MS = 2000;
export type RefreshTarget = z.infer<typeof CardRefreshPayloadSchema>['target'];

/**
 * A one-off migration: the fixed job id makes it run once per Redis (per REDIS_PREFIX), whichever worker
 * starts first. A later migration gets a new id (`-v2`). A failed run is removed, so the next start retries.
 */
export const BACKFILL_PANELS_JOB_ID = 'backfill-panels-v1';
export type CardRefreshPayload = z.input<typeof CardRefreshPayloadSchema>;

/** One repeating sweep per install (jobs/card-sweep.ts); every worker upserts the same scheduler. */
export const CARD_SWEEP_SCHEDULER_ID = 'card-sweep';

/** The hourly weekly-snapshot sweep (src/features/history/take-snapshots.ts), one per install. */
export const SNAPSHOT_SWEEP_SCHEDULER_ID = 'snapshot-sweep';

/** The hourly weekly-vote-reminder run (jobs/reminders.ts, SPEC §2.5), one per install; payload `{ v: 1 }`. */
export const VOTE_REMINDERS_SCHEDULER_ID = 'vote-reminders';

/** A channel's scheduled weekly digest; the slot it is for comes from the scheduler (the job's prevMillis). */
export const DigestPayloadSchema = z.object({
  v: z.literal(1),
  teamId: SlackIdSchema,
  channelId: SlackIdSchema,
});
export type DigestPayload = z.infer<typeof DigestPayloadSchema>;

/** `/debt export [all]` (SPEC §2.10): one user's CSV, built and DM'd by a worker (jobs/export.ts). */
export const ExportPayloadSchema = z.object({
  v: z.literal(1),
  teamId: SlackIdSchema,
  userId: SlackIdSchema,
  /** Where the command was typed: the channel exported, or (with `all`) only named in the messages. */
  channelId: SlackIdSchema,
  scope: z.enum(['channel', 'all']),
  /** The request that asked, for the job's log lines (as CardRefreshPayloadSchema's). */
  requestId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional()
    .catch(undefined),
});
export type ExportPayload = z.infer<typeof ExportPayloadSchema>;
