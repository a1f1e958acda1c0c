// Fills the sandbox workspace with the demo team's backlog (SPEC §2.11): its twelve weeks (demo-backlog.ts)
// are replayed in order through the app's own use cases — filing, voting, pain reports, assignments, status
// changes, channel settings — with the clock at each moment; then every card is posted as filing posts it.
import type { webApi } from '@slack/bolt';
import { DateTime } from 'luxon';
import type { Deps, Runtime } from '../deps.ts';
import { formatItemId, type Item, isOpen } from '../domain/item.ts';
import { type Dimension, EFFORT_SCALE, type Level } from '../domain/scales.ts';
import { nextRun } from '../domain/schedule.ts';
import type { ChannelSettings } from '../domain/settings.ts';
import { takeSnapshot } from '../domain/snapshot.ts';
import { dueSnapshot } from '../domain/snapshot-moment.ts';
import { COUNTED } from '../domain/voting.ts';
import type { Actor } from '../features/actor.ts';
import { celebrateResolution } from '../features/celebrate-resolution.ts';
import {
  enableDigestOnFirstItem,
  requireSteward,
  saveChannelSettings,
} from '../features/channel-settings.ts';
import { assignOwner, changeStatus } from '../features/manage-item.ts';
import { publishFiledItem } from '../features/publish-item.ts';
import { reportPain } from '../features/report-pain.ts';
import { castVote } from '../features/vote.ts';
import { fixedClock } from '../lib/clock.ts';
import { workerClient } from '../start-workers.ts';
import { createItemStore } from '../store/items.ts';
import { createScoreReader } from '../store/scored.ts';
import { createVoteStore } from '../store/votes.ts';
import {
  type Dated,
  DEMO_ITEMS,
  DEMO_SETTINGS,
  DEMO_ZONE,
  type DemoItem,
  type DemoSettings,
  type Levels,
  type Person,
} from './demo-backlog.ts';
import { CHANNELS, PEOPLE } from './workspace.ts';

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

/** One thing that happened, at its instant; `seq` keeps the backlog's order between equal instants. */
interface Step {
  at: number;
  seq: number;
  /** The channel whose settings this step may have created or changed. */
  channel?: string;
  run(): Promise<void>;
}

/** What every step acts with: the workspace, the client, and the app's deps as of the replay's clock. */
interface Replay {
  teamId: string;
  client: webApi.WebClient;
  deps: Runtime;
  /** `deps` with stores that stamp records with the replay's clock (see seedDemoWorkspace). */
  past: Deps;
  clock: ReturnType<typeof fixedClock>;
  /** Local midnight of the seeding day, in the team's zone: `ago` counts back from it. */
  today: DateTime;
}

const MINUTE_MS = 60_000;

function personId(person: Person): string {
  const found = PEOPLE.find((p) => p.name === person);
  if (!found) throw new Error(`no sandbox person named ${person}`);
  return found.id;
}

function actor(r: Replay, person: Person, channelId: string): Actor {
  return { teamId: r.teamId, userId: personId(person), channelId, client: r.client };
}

/** Estimates and votes as panel levels (effort sizes XS–XL are levels 1–5). */
function levelsOf(levels: Levels): Partial<Record<Dimension, Level>> {
  const effort = EFFORT_SCALE.find((e) => e.size === levels.effort)?.level;
  return {
    ...(levels.sev ? { severity: levels.sev } : {}),
    ...(levels.freq ? { frequency: levels.freq } : {}),
    ...(effort ? { effort } : {}),
  };
}

/** The step's instant: its own local time, else a working hour spread over 09:00–17:00 so days look lived in. */
function instantOf(when: Dated, today: DateTime, seq: number): number {
  if (!Number.isInteger(when.ago) || when.ago < 1)
    throw new Error(`demo dates are whole days ago, not ${when.ago}`);
  const spread = (seq * 53) % 480;
  const minutes = when.at
    ? Number(when.at.slice(0, 2)) * 60 + Number(when.at.slice(3, 5))
    : 9 * 60 + spread - (spread % 5);
  return today
    .minus({ days: when.ago })
    .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
    .toMillis();
}

/** As the settings modal's submission does: the stored settings, the steward check, then save and sync. */
async function configure(r: Replay, s: DemoSettings, channelId: string): Promise<void> {
  const by = actor(r, s.by, channelId);
  const current = await r.past.settings.get(r.teamId, channelId);
  await requireSteward(r.past, by, current, 'change these settings');
  const { weekday, time, capacityHours, budgetPercent } = s;
  const wanted = { ...current, digestEnabled: true, weekday, time, timezone: DEMO_ZONE };
  await saveChannelSettings(r.past, by, channelId, current, { ...wanted, capacityHours, budgetPercent });
}

/** Files an item as the filing modal's submission does; its card waits for the end of the replay. */
async function file(r: Replay, demo: DemoItem, index: number, channelId: string): Promise<Item> {
  const { item } = await r.past.items.file({
    teamId: r.teamId,
    channelId,
    reporterId: personId(demo.by),
    draft: {
      title: demo.title,
      description: demo.description,
      category: demo.category,
      component: demo.component ?? '',
      links: [],
      ownerId: demo.owner ? personId(demo.owner) : null,
    },
    submissionKey: `demo-${index}`,
    estimates: levelsOf(demo.estimate ?? {}),
  });
  // Its card goes out at the end, from its final state. Until then the worker's sweep for cards that never
  // went out must leave it alone (it would give up on an item filed weeks ago, and say so in the log): put
  // back in line with the real clock, it is not due for another two minutes.
  await r.deps.items.retryLater(r.teamId, item.id);
  await enableDigestOnFirstItem(r.past, r.client, item);
  return item;
}

/** Every settings change and every item's filing and follow-ups, as steps in time order. */
function buildSteps(r: Replay): Step[] {
  let seq = 0;
  const steps: Step[] = [];
  for (const s of DEMO_SETTINGS) {
    const channelId = CHANNELS[s.channel];
    steps.push({
      at: instantOf(s, r.today, seq),
      seq: seq++,
      channel: channelId,
      run: () => configure(r, s, channelId),
    });
  }
  const ids = new Map<DemoItem, number>();
  const idOf = (demo: DemoItem | undefined): number => {
    const id = demo && ids.get(demo);
    if (id === undefined) throw new Error(`demo item "${demo?.title ?? '?'}" is used before it is filed`);
    return id;
  };
  const keyed = new Map(DEMO_ITEMS.flatMap((i) => (i.key ? [[i.key, i] as const] : [])));

  DEMO_ITEMS.forEach((demo, index) => {
    const channelId = CHANNELS[demo.channel];
    const filedAt = instantOf(demo, r.today, seq);
    steps.push({
      at: filedAt,
      seq: seq++,
      channel: channelId,
      run: async () => {
        ids.set(demo, (await file(r, demo, index, channelId)).id);
      },
    });
    // A follow-up never comes before the filing, even on the same day. Their own order is the data's to get
    // right: a vote after the item closed, or a pain report on a closed item, is refused and stops the
    // seeding.
    let after = filedAt;
    const followUp = (when: Dated, run: (own: number) => Promise<unknown>) => {
      after += MINUTE_MS;
      const own = seq++;
      steps.push({
        at: Math.max(instantOf(when, r.today, own), after),
        seq: own,
        run: async () => void (await run(own)),
      });
    };
    const by = (person: Person) => actor(r, person, channelId);
    for (const vote of demo.votes ?? [])
      followUp(vote, async (own) => {
        // One click per dimension on the vote panel; a click the app did not count means the data is wrong.
        for (const [dimension, level] of Object.entries(levelsOf(vote)) as [Dimension, Level][]) {
          const click = { itemId: idOf(demo), dimension, level, deliveryId: `demo-${own}-${dimension}` };
          const { outcome } = await castVote(r.past, by(vote.by), click);
          if (!COUNTED.has(outcome))
            throw new Error(`demo vote on ${formatItemId(click.itemId)}: ${outcome}`);
        }
      });
    for (const pain of demo.pain ?? [])
      followUp(pain, () => reportPain(r.past, by(pain.by), idOf(demo), pain.hours));
    for (const a of demo.assign ?? [])
      followUp(a, () => assignOwner(r.past, by(a.by), idOf(demo), personId(a.to)));
    for (const change of demo.status ?? [])
      followUp(change, () => {
        const original = change.duplicateOf ? keyed.get(change.duplicateOf) : undefined;
        // The note *Duplicate of…* closes an item with (src/slack/views/duplicate-submission.ts).
        const note = original ? `duplicate of ${formatItemId(idOf(original))}` : (change.note ?? '');
        return changeStatus(r.past, by(change.by), idOf(demo), change.action, note);
      });
  });
  return steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
}

/**
 * When a channel's weekly snapshot is taken (SPEC §1.8): its digest slot when it has a digest, else Monday
 * 00:00 in its zone. The slot comes from BullMQ's own schedule (domain/schedule.ts), as the digest job's
 * does.
 */
function nextSnapshotMoment(settings: ChannelSettings, defaultTimezone: string, after: number): number {
  const timezone = settings.timezone ?? defaultTimezone;
  if (settings.digestEnabled)
    return nextRun({ weekday: settings.weekday, time: settings.time, timezone }, after);
  return DateTime.fromMillis(after, { zone: timezone }).startOf('week').plus({ weeks: 1 }).toMillis();
}

/**
 * The weekly snapshots of the past weeks. The app writes a week's snapshot only at its moment — the digest
 * job at the slot, the sweep for the week under way — never a past week, so the replay does at each moment
 * what the digest job does at its slot: the domain's takeSnapshot over the channel's items as scored then
 * (the replay's clock is there), written once with the history store's own HSETNX. A channel is watched from
 * the step that configured it; its next moment is kept, as working it out (BullMQ's cron) costs more than a
 * step.
 */
function createSnapshotter(r: Replay) {
  const watched = new Map<string, { next: number; settings: ChannelSettings }>();
  const zone = r.deps.config.defaultTimezone;
  return {
    channels: () => [...watched.keys()],
    /** After a step that may have configured the channel: its moments from now on follow its settings. */
    async watch(channelId: string, at: number) {
      const settings = await r.deps.settings.find(r.teamId, channelId);
      if (settings) watched.set(channelId, { settings, next: nextSnapshotMoment(settings, zone, at) });
    },
    /** Takes every snapshot due up to `until`. */
    async until(until: number) {
      for (const [channelId, w] of watched) {
        for (; w.next <= until; w.next = nextSnapshotMoment(w.settings, zone, w.next)) {
          const at = w.next;
          const due = dueSnapshot(w.settings, zone, at, 0);
          const items = await r.past.items.listChannel(r.teamId, channelId);
          if (!due || items.length === 0) continue;
          r.clock.set(new Date(at));
          const snapshot = takeSnapshot(await r.past.scores.score(r.teamId, items), {
            week: due.week,
            at: new Date(at),
            window: due.window,
            capacityHours: w.settings.capacityHours,
          });
          // Only a sweep running while the replay does could have got there first (with a partial backlog).
          if (!(await r.deps.history.record(r.teamId, channelId, snapshot)))
            r.deps.logger.warn('demo snapshot already taken', {
              teamId: r.teamId,
              channelId,
              week: due.week,
            });
        }
      }
    },
  };
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
    today: DateTime.fromJSDate(now, { zone: DEMO_ZONE }).startOf('day'),
  };

  const snapshots = createSnapshotter(r);
  for (const step of buildSteps(r)) {
    await snapshots.until(step.at);
    clock.set(new Date(step.at));
    await step.run();
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
