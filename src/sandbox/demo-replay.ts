// Acts out the demo timeline's events (demo-timeline.ts) through the app's own use cases — filing, voting, pain
// reports, assignments, status changes, channel settings — as the person the backlog names, with the stores'
// clock at the event's instant.
import type { webApi } from '@slack/bolt';
import type { Deps, Runtime } from '../deps.ts';
import { formatItemId, type Item } from '../domain/item.ts';
import { type Dimension, EFFORT_SCALE, type Level } from '../domain/scales.ts';
import { COUNTED } from '../domain/voting.ts';
import type { Actor } from '../features/actor.ts';
import {
  enableDigestOnFirstItem,
  requireSteward,
  saveChannelSettings,
} from '../features/channel-settings.ts';
import { assignOwner, changeStatus } from '../features/manage-item.ts';
import { reportPain } from '../features/report-pain.ts';
import { castVote } from '../features/vote.ts';
import type { fixedClock } from '../lib/clock.ts';
import {
  DEMO_ZONE,
  type DemoItem,
  type DemoSettings,
  type DemoVote,
  type Levels,
  type Person,
} from './demo-backlog.ts';
import type { Step } from './demo-timeline.ts';
import { PEOPLE } from './workspace.ts';

/** What every step acts with: the workspace, the client, and the app's deps as of the replay's clock. */
export interface Replay {
  teamId: string;
  client: webApi.WebClient;
  deps: Runtime;
  /** `deps` with stores that stamp records with the replay's clock (see seedDemoWorkspace). */
  past: Deps;
  clock: ReturnType<typeof fixedClock>;
}

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

/** One click per dimension on the vote panel; a click the app did not count means the data is wrong. */
async function vote(r: Replay, by: Actor, itemId: number, demo: DemoVote, seq: number): Promise<void> {
  for (const [dimension, level] of Object.entries(levelsOf(demo)) as [Dimension, Level][]) {
    const click = { itemId, dimension, level, deliveryId: `demo-${seq}-${dimension}` };
    const { outcome } = await castVote(r.past, by, click);
    if (!COUNTED.has(outcome)) throw new Error(`demo vote on ${formatItemId(click.itemId)}: ${outcome}`);
  }
}

/** Acts out steps in time order, keeping each demo item's id from its filing for its follow-ups. */
export function createPerformer(r: Replay): (step: Step) => Promise<void> {
  const ids = new Map<DemoItem, number>();
  const idOf = (demo: DemoItem | undefined): number => {
    const id = demo && ids.get(demo);
    if (id === undefined) throw new Error(`demo item "${demo?.title ?? '?'}" is used before it is filed`);
    return id;
  };
  return async ({ seq, event }) => {
    const by = (person: Person) => actor(r, person, event.channelId);
    switch (event.kind) {
      case 'configure':
        return configure(r, event.settings, event.channelId);
      case 'file':
        ids.set(event.demo, (await file(r, event.demo, event.index, event.channelId)).id);
        return;
      case 'vote':
        return vote(r, by(event.vote.by), idOf(event.demo), event.vote, seq);
      case 'pain':
        await reportPain(r.past, by(event.pain.by), idOf(event.demo), event.pain.hours);
        return;
      case 'assign':
        await assignOwner(r.past, by(event.assignment.by), idOf(event.demo), personId(event.assignment.to));
        return;
      case 'status': {
        const { change, original } = event;
        // The note *Duplicate of…* closes an item with (src/slack/views/duplicate-submission.ts).
        const note = original ? `duplicate of ${formatItemId(idOf(original))}` : (change.note ?? '');
        await changeStatus(r.past, by(change.by), idOf(event.demo), change.action, note);
        return;
      }
    }
  };
}
