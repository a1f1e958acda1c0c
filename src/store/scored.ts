// Reads items together with their votes and their channel's quorum, scored by the one §1.4 module.
import type { Item } from '../domain/item.ts';
import { type Score, scoreItem, type Vote } from '../domain/scoring.ts';
import type { Clock } from '../lib/clock.ts';
import type { SettingsStore } from './settings.ts';
import type { VoteStore } from './votes.ts';

export interface ScoredItem {
  item: Item;
  score: Score;
  votes: Vote[];
}

export interface ScoreReader {
  score(teamId: string, items: readonly Item[]): Promise<ScoredItem[]>;
}

export function createScoreReader(votes: VoteStore, settings: SettingsStore, clock: Clock): ScoreReader {
  return {
    async score(teamId, items) {
      const byItem = await votes.forItems(
        teamId,
        items.map((i) => i.id),
      );
      const channels = [...new Set(items.map((i) => i.channelId))];
      const quorums = new Map(
        await Promise.all(channels.map(async (c) => [c, (await settings.get(teamId, c)).quorum] as const)),
      );
      const now = clock.now();
      return items.map((item) => {
        const itemVotes = byItem.get(item.id) ?? [];
        // Pain reports arrive with the voting release; until then measured interest never applies.
        return {
          item,
          votes: itemVotes,
          score: scoreItem(itemVotes, [], quorums.get(item.channelId) ?? 2, now),
        };
      });
    },
  };
}
