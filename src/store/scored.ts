// Reads items together with their votes and their channel's quorum, scored by the one §1.4 module.
import type { Item } from '../domain/item.ts';
import { type PainReport, type Score, scoreItem, type Vote } from '../domain/scoring.ts';
import type { Clock } from '../lib/clock.ts';
import type { PainStore } from './pain.ts';
import type { SettingsStore } from './settings.ts';
import type { VoteStore } from './votes.ts';

export interface ScoredItem {
  item: Item;
  score: Score;
  votes: Vote[];
  pain: PainReport[];
  /** The channel's quorum the score was computed with (the vote panel says "2 of 3 needed have voted"). */
  quorum: number;
}

export interface ScoreReader {
  score(teamId: string, items: readonly Item[]): Promise<ScoredItem[]>;
}

export function createScoreReader(
  votes: VoteStore,
  pain: PainStore,
  settings: SettingsStore,
  clock: Clock,
): ScoreReader {
  return {
    async score(teamId, items) {
      const ids = items.map((i) => i.id);
      const channels = [...new Set(items.map((i) => i.channelId))];
      // One round of reads: votes, pain reports and each channel's quorum together.
      const [byItem, painByItem, quorumList] = await Promise.all([
        votes.forItems(teamId, ids),
        pain.forItems(teamId, ids),
        Promise.all(channels.map(async (c) => [c, (await settings.get(teamId, c)).quorum] as const)),
      ]);
      const quorums = new Map(quorumList);
      const now = clock.now();
      return items.map((item) => {
        const itemVotes = byItem.get(item.id) ?? [];
        const reports = painByItem.get(item.id) ?? [];
        const quorum = quorums.get(item.channelId) ?? 2;
        const score = scoreItem(itemVotes, reports, quorum, now);
        return { item, votes: itemVotes, pain: reports, score, quorum };
      });
    },
  };
}
