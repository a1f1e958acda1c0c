// The demo backlog (demo-backlog.ts) as events in time order: each settings change, filing and follow-up at its
// instant in the team's zone, counted back from the seeding day. Pure data: the replay (demo-replay.ts) acts
// each one out through the app's use cases.
import type { DateTime } from 'luxon';
import {
  type Dated,
  DEMO_ITEMS,
  DEMO_SETTINGS,
  type DemoAssignment,
  type DemoItem,
  type DemoPain,
  type DemoSettings,
  type DemoStatus,
  type DemoVote,
} from './demo-backlog.ts';
import { CHANNELS } from './workspace.ts';

/** What happened, as the backlog records it, in the channel it happened in. */
export type DemoEvent = { channelId: string } & (
  | { kind: 'configure'; settings: DemoSettings }
  | { kind: 'file'; demo: DemoItem; index: number }
  | { kind: 'vote'; demo: DemoItem; vote: DemoVote }
  | { kind: 'pain'; demo: DemoItem; pain: DemoPain }
  | { kind: 'assign'; demo: DemoItem; assignment: DemoAssignment }
  /** `original`: the item a duplicate is closed as a duplicate of. */
  | { kind: 'status'; demo: DemoItem; change: DemoStatus; original: DemoItem | undefined }
);

/** One event at its instant; `seq` keeps the backlog's order between equal instants. */
export interface Step {
  at: number;
  seq: number;
  /** The channel whose settings this step may have created or changed. */
  channel?: string;
  event: DemoEvent;
}

const MINUTE_MS = 60_000;

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

/**
 * Every settings change and every item's filing and follow-ups, as steps in time order. `today`: local
 * midnight of the seeding day, in the team's zone.
 */
export function buildSteps(today: DateTime): Step[] {
  let seq = 0;
  const steps: Step[] = [];
  for (const settings of DEMO_SETTINGS) {
    const channelId = CHANNELS[settings.channel];
    steps.push({
      at: instantOf(settings, today, seq),
      seq: seq++,
      channel: channelId,
      event: { kind: 'configure', settings, channelId },
    });
  }
  const keyed = new Map(DEMO_ITEMS.flatMap((i) => (i.key ? [[i.key, i] as const] : [])));

  DEMO_ITEMS.forEach((demo, index) => {
    const channelId = CHANNELS[demo.channel];
    const filedAt = instantOf(demo, today, seq);
    steps.push({
      at: filedAt,
      seq: seq++,
      channel: channelId,
      event: { kind: 'file', demo, index, channelId },
    });
    // A follow-up never comes before the filing, even on the same day. Their own order is the data's to get
    // right: a vote after the item closed, or a pain report on a closed item, is refused and stops the
    // seeding.
    let after = filedAt;
    const followUp = (when: Dated, event: DemoEvent) => {
      after += MINUTE_MS;
      const own = seq++;
      steps.push({ at: Math.max(instantOf(when, today, own), after), seq: own, event });
    };
    for (const vote of demo.votes ?? []) followUp(vote, { kind: 'vote', demo, vote, channelId });
    for (const pain of demo.pain ?? []) followUp(pain, { kind: 'pain', demo, pain, channelId });
    for (const assignment of demo.assign ?? [])
      followUp(assignment, { kind: 'assign', demo, assignment, channelId });
    for (const change of demo.status ?? []) {
      const original = change.duplicateOf ? keyed.get(change.duplicateOf) : undefined;
      followUp(change, { kind: 'status', demo, change, original, channelId });
    }
  });
  return steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
}
