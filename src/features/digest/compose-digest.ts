// Gathers a channel's items, scores, activity and weekly snapshots and turns them into the digest (pure parts
// in src/domain/digest.ts and blocks/digest.ts). Shared by the scheduled job and `/debt digest [post]`.
import { buildDigestMessage } from '../../../blocks/digest.ts';
import type { Message } from '../../../blocks/kit.ts';
import type { UploadedChart } from '../../../blocks/outlook.ts';
import { buildTrend, weeklyInterest } from '../../domain/debt-trend.ts';
import { buildDigestModel, type DigestItem, type DigestModel } from '../../domain/digest.ts';
import type { ChannelSettings } from '../../domain/settings.ts';
import { takeSnapshot, type WeeklySnapshot } from '../../domain/snapshot.ts';
import type { TrendSeries } from '../../domain/trend-model.ts';
import type { DigestStore } from '../../store/digests.ts';
import type { HistoryStore } from '../../store/history.ts';
import type { ItemStore } from '../../store/items.ts';
import type { PainStore } from '../../store/pain.ts';
import type { ScoreReader } from '../../store/scored.ts';

export interface ComposeDeps {
  items: ItemStore;
  scores: ScoreReader;
  pain: PainStore;
  digests: DigestStore;
  history: HistoryStore;
}

export interface ComposeRequest {
  teamId: string;
  channelId: string;
  /** `#name` for the chart's title; the id when the name is not known. */
  channelLabel?: string;
  settings: ChannelSettings;
  timezone: string;
  window: { start: Date; end: Date };
  /** A scheduled digest names its ISO week: it takes that week's snapshot (a manual one takes none). */
  kind: 'scheduled' | 'manual';
  week?: string;
  now: Date;
  workspaceUrl: string | null;
}

export interface ComposedDigest {
  model: DigestModel;
  /** The message, with the trend chart when one was uploaded. */
  build(chart: UploadedChart | null): Message;
  trend: TrendSeries;
  /** What a posted scheduled digest records: this week's snapshot (null for a manual digest), the items
   * it celebrated, the missed weeks it named. */
  shown: { snapshot: WeeklySnapshot | null; celebrated: number[]; missedWeeks: string[] };
}

/** The snapshot before this week's, as "change since the last digest" reads it; the pre-history key as a fallback. */
async function previousSnapshot(
  deps: ComposeDeps,
  req: ComposeRequest,
  snapshots: readonly WeeklySnapshot[],
): Promise<{ week: string; interest: number } | null> {
  const before = snapshots.filter((s) => req.week === undefined || s.week < req.week).at(-1);
  if (before) return { week: before.week, interest: before.openInterest };
  return deps.digests.snapshot(req.teamId, req.channelId);
}

export async function composeDigest(deps: ComposeDeps, req: ComposeRequest): Promise<ComposedDigest> {
  const [items, snapshots, celebrated, missedWeeks] = await Promise.all([
    deps.items.listChannel(req.teamId, req.channelId),
    deps.history.forChannel(req.teamId, req.channelId),
    deps.history.celebrated(req.teamId),
    req.kind === 'scheduled' ? deps.digests.missed(req.teamId, req.channelId) : Promise.resolve([]),
  ]);
  const [scored, activity, lastSnapshot] = await Promise.all([
    deps.scores.score(req.teamId, items),
    deps.pain.lastActivity(
      req.teamId,
      items.map((i) => i.id),
    ),
    previousSnapshot(deps, req, snapshots),
  ]);
  const digestItems: DigestItem[] = scored.map(({ item, score }) => ({
    item,
    score,
    lastActivityAt: activity.get(item.id) ?? null,
  }));
  const snapshot =
    req.kind === 'scheduled' && req.week !== undefined && items.length > 0
      ? takeSnapshot(scored, {
          week: req.week,
          at: req.now,
          window: req.window,
          capacityHours: req.settings.capacityHours,
        })
      : null;
  // A snapshot already taken for this week (by the sweep, after a failed first try) is the week's record.
  const existing = snapshots.find((s) => s.week === snapshot?.week);
  const thisWeek = existing ?? snapshot;
  const series = [...snapshots.filter((s) => s !== existing), ...(thisWeek ? [thisWeek] : [])];
  const model = buildDigestModel({
    channelId: req.channelId,
    items: digestItems,
    settings: req.settings,
    window: req.window,
    timezone: req.timezone,
    kind: req.kind,
    lastSnapshot,
    interestSeries: weeklyInterest(series),
    // Celebrations belong to the weekly digest: a digest on request neither shows nor uses them up.
    celebrated: req.kind === 'scheduled' ? celebrated : null,
    missedWeeks,
    now: req.now,
  });
  const trend = buildTrend({
    items,
    snapshots: series,
    timezone: req.timezone,
    now: req.now,
    scopeLabel: req.channelLabel ?? req.channelId,
  });
  return {
    model,
    build: (chart) => buildDigestMessage(model, { workspaceUrl: req.workspaceUrl, chart }),
    trend,
    shown: {
      snapshot,
      celebrated: model.paidDown?.celebratedIds ?? [],
      missedWeeks,
    },
  };
}
