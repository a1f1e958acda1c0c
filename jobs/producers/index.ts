// Typed producers: the only way the web process and the use cases queue work. Nothing here processes a job,
// so importing it never pulls a processor (or a listener) into the importing process.
import type { Queue } from 'bullmq';
import type { Item } from '../../src/domain/item.ts';
import type { ChannelSettings } from '../../src/domain/settings.ts';
import type { Clock } from '../../src/lib/clock.ts';
import type { Logger } from '../../src/lib/logger.ts';
import type { SettingsStore } from '../../src/store/settings.ts';
import type { ExportPayload, RefreshTarget } from '../contracts.ts';
import {
  promoteDueDigests,
  reconcileDigestSchedules,
  type SyncOutcome,
  syncDigestSchedule,
} from './digest-schedule.ts';
import { queueExport } from './export.ts';
import {
  scheduleBackfillPanels,
  scheduleCardSweep,
  scheduleSnapshotSweep,
  scheduleVoteReminders,
} from './maintenance.ts';
import { requestRefresh } from './refresh.ts';

export interface Producers {
  /** Shows the item's latest state on one of its messages: queued, coalesced and sent by a worker. */
  refreshMessage(teamId: string, itemId: number, target: RefreshTarget): Promise<void>;
  /** Card and vote panel both; nothing for an item whose card is not (or no longer) in Slack. */
  refreshItemMessages(item: Item): Promise<void>;
  /** Makes the channel's weekly digest scheduler match its settings. */
  syncDigestSchedule(teamId: string, channelId: string, settings: ChannelSettings): Promise<SyncOutcome>;
  /** At worker start: every configured channel's scheduler matches its settings; orphans are removed. */
  reconcileDigestSchedules(settings: SettingsStore, logger: Logger): Promise<unknown>;
  /** Digests parked by an auth pause whose slot has come run now; returns how many. */
  promoteDueDigests(): Promise<number>;
  /**
   * The workers' upkeep: the one-off panel backfill, the every-minute card sweep, the hourly snapshot sweep and
   * the hourly vote-reminder run.
   */
  scheduleMaintenance(): Promise<void>;
  /** `/debt export [all]`: one user's CSV, built and sent by DM from a worker. */
  queueExport(payload: ExportPayload): Promise<void>;
}

export interface ProducerQueues {
  cardQueue: Queue;
  digestQueue: Queue;
  clock: Clock;
  defaultTimezone: string;
}

export function createProducers({
  cardQueue,
  digestQueue,
  clock,
  defaultTimezone,
}: ProducerQueues): Producers {
  const refreshMessage = (teamId: string, itemId: number, target: RefreshTarget) =>
    requestRefresh(cardQueue, clock, teamId, itemId, target);
  return {
    refreshMessage,
    async refreshItemMessages(item) {
      if (!item.card || item.card.orphaned) return;
      await Promise.all([
        refreshMessage(item.teamId, item.id, 'card'),
        refreshMessage(item.teamId, item.id, 'panel'),
      ]);
    },
    syncDigestSchedule: (teamId, channelId, settings) =>
      syncDigestSchedule(digestQueue, teamId, channelId, settings, defaultTimezone),
    reconcileDigestSchedules: (settings, logger) =>
      reconcileDigestSchedules(digestQueue, settings, defaultTimezone, logger),
    promoteDueDigests: () => promoteDueDigests(digestQueue, clock.now().getTime()),
    async scheduleMaintenance() {
      await scheduleBackfillPanels(cardQueue);
      await scheduleCardSweep(cardQueue);
      await scheduleSnapshotSweep(cardQueue);
      await scheduleVoteReminders(cardQueue);
    },
    queueExport: (payload) => queueExport(cardQueue, payload),
  };
}
