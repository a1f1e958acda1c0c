// Fills the sandbox workspace with the demo team's backlog (SPEC §2.11): its twelve weeks (demo-backlog.ts)
// are replayed in order through the app's own use cases — filing, voting, pain reports, assignments, status
// changes, channel settings — with the clock at each moment; then every card is posted as filing posts it.
import type { webApi } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { Runtime } from '../deps.ts';
import { type Item, isOpen } from '../domain/item.ts';
import { celebrateResolution } from '../features/celebrate-resolution.ts';
import { publishFiledItem } from '../features/publish-item.ts';
import { fixedClock } from '../lib/clock.ts';
import { workerClient } from '../start-workers.ts';
import { createItemStore } from '../store/items.ts';
import { createScoreReader } from '../store/scored.ts';
import { createVoteStore } from '../store/votes.ts';
import { DEMO_ZONE } from './demo-backlog.ts';
import { createPerformer, type Replay } from './demo-replay.ts';
import { createSnapshotter } from './demo-snapshots.ts';
import { buildSteps } from './demo-timeline.ts';

export interface DemoSummary {
  items: number;
  /** Open or in progress. */
  open: number;
  resolved: number;
  /** Votes standing at the end, one per person and dimension (the reporters' own estimates included). */
  votes: number;
  /** Weekly snapshots of the channel with the longest history. */
  weeks: number;
}

export interface DemoOptions {
  /** Where the twelve weeks end; default the app's clock. */
  now?: Date;
  /** The installing workspace; default the token's own (auth.test), as the app keys everything (decision 0015). */
  teamId?: string;
  /** Default: a client like the workers' (no automatic retries). */
  client?: webApi.WebClient;
}

/** Tries per card when Slack answers with a failure that may pass (a rate limit, a 5xx), a second apart. */
const PUBLISH_TRIES = 3;

/**
 * Every item's card and vote panel, posted by the app's own publishing (one channel at a time, so they stand
 * in filing order), and under a resolved item's card the thanks its resolution posts, which had no card to go
 * under during the replay. The worker's sweep would not step in for these: it gives up on cards of items filed
 * over a day ago, so a failure that may pass is tried again here.
 */
async function publishAll(r: Replay, items: readonly Item[]): Promise<void> {
  const channels = [...new Set(items.map((i) => i.channelId))];
  const publish = async (item: Item) => {
    for (let attempt = 1; attempt <= PUBLISH_TRIES; attempt++) {
      const outcome = await publishFiledItem(r.past, r.client, item, { responseUrl: null, from: 'sweep' });
      if (outcome !== 'deferred') return;
      if (attempt < PUBLISH_TRIES) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    r.deps.logger.warn('demo card not posted: Slack kept failing', { teamId: r.teamId, itemId: item.id });
  };
  await Promise.all(
    channels.map(async (channelId) => {
      for (const item of items.filter((i) => i.channelId === channelId)) {
        await publish(item);
        const posted = await r.past.items.get(r.teamId, item.id);
        if (posted?.status === 'resolved') await celebrateResolution(r.past, r.client, posted);
      }
    }),
  );
}

export async function seedDemoWorkspace(deps: Runtime, options: DemoOptions = {}): Promise<DemoSummary> {
  const started = Date.now();
  const now = options.now ?? deps.clock.now();
  const client = options.client ?? workerClient(deps);
  const teamId = options.teamId ?? (await client.auth.test()).team_id;
  if (!teamId) throw new Error('auth.test named no workspace to seed');

  // Back-dating: the stores stamp every record with their clock (an item's createdAt, updatedAt and history,
  // a vote's history entry and activity time, resolvedAt), the pain use case stamps reports with it, and
  // scoring reads it for the 28-day window of measured interest. So the replay builds the same stores over
  // the same Redis with a clock of its own and moves it to each step's instant: every record lands as if
  // written then, by the same code. (Filing and voting counters in /metrics are left alone: demo data is not
  // traffic.)
  const clock = fixedClock(now);
  const items = createItemStore(deps.redis, deps.keys, clock);
  const votes = createVoteStore(deps.redis, deps.keys, clock);
  const scores = createScoreReader(votes, deps.pain, deps.settings, clock);
  const r: Replay = {
    teamId,
    client,
    deps,
    past: { ...deps, clock, items, votes, scores },
    clock,
  };
  // Local midnight of the seeding day, in the team's zone: the backlog's `ago` counts back from it.
  const today = DateTime.fromJSDate(now, { zone: DEMO_ZONE }).startOf('day');

  const snapshots = createSnapshotter(r);
  const perform = createPerformer(r);
  for (const step of buildSteps(today)) {
    await snapshots.until(step.at);
    clock.set(new Date(step.at));
    await perform(step);
    if (step.channel) await snapshots.watch(step.channel, step.at);
  }
  await snapshots.until(now.getTime());
  clock.set(now);

  const filed = await deps.items.listTeam(teamId);
  await publishAll(r, filed);

  const [standing, histories] = await Promise.all([
    deps.votes.forItems(
      teamId,
      filed.map((i) => i.id),
    ),
    deps.history.forChannels(teamId, snapshots.channels()),
  ]);
  const summary: DemoSummary = {
    items: filed.length,
    open: filed.filter((i) => isOpen(i.status)).length,
    resolved: filed.filter((i) => i.status === 'resolved').length,
    votes: [...standing.values()].reduce((sum, v) => sum + v.length, 0),
    weeks: Math.max(0, ...[...histories.values()].map((h) => h.length)),
  };
  deps.logger.info('demo workspace seeded', { teamId, ...summary, ms: Date.now() - started });
  return summary;
}
