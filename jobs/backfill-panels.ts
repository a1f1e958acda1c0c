// One-off backfill: items filed before the vote panel existed get their panel (issue #3).
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Clock } from '../src/lib/clock.ts';
import type { Logger } from '../src/lib/logger.ts';
import type { ItemStore } from '../src/store/items.ts';
import type { Keys } from '../src/store/keys.ts';
import { BACKFILL_PANELS_JOB_ID, JOB_NAMES } from './contracts.ts';
import { requestRefresh } from './message-refresh.ts';

/** Queued by every worker at start; the fixed job id makes all but the first add a no-op. */
export async function scheduleBackfillPanels(queue: Queue): Promise<void> {
  await queue.add(
    JOB_NAMES.backfillPanels,
    { v: 1 },
    { jobId: BACKFILL_PANELS_JOB_ID, removeOnComplete: false, removeOnFail: true, attempts: 3 },
  );
}

export interface BackfillDeps {
  redis: Redis;
  keys: Keys;
  items: ItemStore;
  queue: Queue;
  clock: Clock;
  logger: Logger;
}

/** Finds every workspace's items with a card but no panel and queues a panel refresh, which posts it. */
export async function backfillPanels(deps: BackfillDeps): Promise<string> {
  let queued = 0;
  for (let cursor = '0'; ; ) {
    const [next, found] = await deps.redis.scan(cursor, 'MATCH', deps.keys.allTeamItems, 'COUNT', 200);
    for (const key of found) {
      const teamId = deps.keys.teamOfItems(key);
      if (!teamId) continue;
      for (const item of await deps.items.listTeam(teamId)) {
        if (!item.card || item.card.orphaned || item.panelTs) continue;
        await requestRefresh(deps.queue, deps.clock, teamId, item.id, 'panel');
        queued++;
      }
    }
    cursor = next;
    if (cursor === '0') break;
  }
  deps.logger.info('vote panel backfill queued', { queued });
  return `queued ${queued}`;
}
