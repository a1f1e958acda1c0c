// Gathers a channel's items, scores and activity and turns them into the digest message (pure parts in
// src/domain/digest.ts and blocks/digest.ts). Shared by the scheduled job and `/debt digest [post]`.
import { buildDigestMessage } from '../../../blocks/digest.ts';
import type { Message } from '../../../blocks/kit.ts';
import { buildDigestModel, type DigestItem, totalOpenInterest } from '../../domain/digest.ts';
import type { ChannelSettings } from '../../domain/settings.ts';
import type { DigestStore } from '../../store/digests.ts';
import type { ItemStore } from '../../store/items.ts';
import type { PainStore } from '../../store/pain.ts';
import type { ScoreReader } from '../../store/scored.ts';

export interface ComposeDeps {
  items: ItemStore;
  scores: ScoreReader;
  pain: PainStore;
  digests: DigestStore;
}

export interface ComposeRequest {
  teamId: string;
  channelId: string;
  settings: ChannelSettings;
  timezone: string;
  window: { start: Date; end: Date };
  kind: 'scheduled' | 'manual';
  now: Date;
  workspaceUrl: string | null;
}

export interface ComposedDigest {
  message: Message;
  /** Total open interest now: the snapshot a scheduled digest leaves for the next one. */
  totalInterest: number;
  missedWeeks: string[];
}

export async function composeDigest(deps: ComposeDeps, req: ComposeRequest): Promise<ComposedDigest> {
  const [items, lastSnapshot, missedWeeks] = await Promise.all([
    deps.items.listChannel(req.teamId, req.channelId),
    deps.digests.snapshot(req.teamId, req.channelId),
    req.kind === 'scheduled' ? deps.digests.missed(req.teamId, req.channelId) : Promise.resolve([]),
  ]);
  const [scored, activity] = await Promise.all([
    deps.scores.score(req.teamId, items),
    deps.pain.lastActivity(
      req.teamId,
      items.map((i) => i.id),
    ),
  ]);
  const digestItems: DigestItem[] = scored.map(({ item, score }) => ({
    item,
    score,
    lastActivityAt: activity.get(item.id) ?? null,
  }));
  const model = buildDigestModel({
    channelId: req.channelId,
    items: digestItems,
    settings: req.settings,
    window: req.window,
    timezone: req.timezone,
    kind: req.kind,
    lastSnapshot,
    missedWeeks,
    now: req.now,
  });
  return {
    message: buildDigestMessage(model, { workspaceUrl: req.workspaceUrl }),
    totalInterest: totalOpenInterest(digestItems),
    missedWeeks,
  };
}
