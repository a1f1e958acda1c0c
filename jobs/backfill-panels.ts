// Processor of the one-off backfill: items filed before the vote panel existed get their panel (issue #3).

import type { Deps } from '../src/deps.ts';
import type { Producers } from './producers/index.ts';

export type BackfillDeps = Pick<Deps, 'items' | 'logger'> & Pick<Producers, 'refreshMessage'>;

/** Finds every workspace's items with a card but no panel and queues a panel refresh, which posts it. */
export async function backfillPanels(deps: BackfillDeps): Promise<string> {
  let queued = 0;
  for (const teamId of await deps.items.teamsWithItems()) {
    for (const item of await deps.items.listTeam(teamId)) {
      if (!item.card || item.card.orphaned || item.panelTs) continue;
      await deps.refreshMessage(teamId, item.id, 'panel');
      queued++;
    }
  }
  deps.logger.info('vote panel backfill queued', { queued });
  return `queued ${queued}`;
}
