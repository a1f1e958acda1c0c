// The sandbox's demo backlog (SPEC §2.11), seeded into the running app against the fake Slack and checked
// where a user sees it: rankings, stats with their trend, the digest preview, and channels full of cards.
import { webApi } from '@slack/bolt';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/domain/categories.ts';
import { type Item, isOpen, LIMITS } from '../../src/domain/item.ts';
import { loadStats } from '../../src/features/history/load-stats.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { DEMO_ITEMS } from '../../src/sandbox/demo-backlog.ts';
import { type DemoSummary, seedDemoWorkspace } from '../../src/sandbox/demo-data.ts';
import { BOT_USER_ID } from '../../src/sandbox/fake-slack.ts';
import { CHANNEL_SPECS, CHANNELS, PEOPLE } from '../../src/sandbox/workspace.ts';
import { type Harness, TEAM, useHarness } from '../support/harness.ts';

/** A Wednesday: this week's digest slots (Monday 09:30 and 10:00 in Berlin) have passed. */
const NOW = new Date('2026-12-02T11:00:00Z');
const DAY_MS = 86_400_000;
const [ANA, BEN] = ['U0ANA', 'U0BEN'];

/** The sandbox's people and channels in the fake, as the sandbox server creates them before seeding. */
function sandboxWorkspace(h: Harness): void {
  for (const { id, name, real_name, tz, is_admin } of PEOPLE)
    h.fake.setUser(id, { name, real_name, tz, is_admin });
  for (const { id, name, is_private, members } of CHANNEL_SPECS)
    h.fake.setChannel(id, { name, is_private, ...(members ? { members } : {}) });
}

type Reply = { text?: string; blocks?: { type: string; text?: { text?: string } }[] };

describe('the demo workspace', () => {
  const h = useHarness({ clock: fixedClock(NOW), setup: sandboxWorkspace });
  let summary: DemoSummary;
  let seconds: number;
  let items: Item[];

  beforeAll(async () => {
    // Slack turns one card away for a moment: the seeding tries it again rather than leave a gap.
    h.fake.failNext(
      'chat.postMessage',
      { error: 'ratelimited', retryAfter: 1 },
      1,
      (args) => !args.thread_ts,
    );
    const started = Date.now();
    summary = await seedDemoWorkspace(h.deps);
    seconds = (Date.now() - started) / 1000;
    items = await h.deps.items.listTeam(TEAM);
  });

  async function command(text: string, channelId: string, userId = ANA): Promise<Reply> {
    const result = await h.command(text, { userId, channelId });
    expect(result.response.status).toBe(200);
    return (await result.reply()) as Reply;
  }
  const ids = (reply: Reply) =>
    [...JSON.stringify(reply.blocks).matchAll(/\|DEBT-(\d+)>/g)].map((m) => Number(m[1]));
  const inChannel = (channelId: string) => items.filter((i) => i.channelId === channelId);

  it('files a few dozen items across every category, keyed by the installing workspace, in a few seconds', () => {
    expect(summary).toEqual({
      items: DEMO_ITEMS.length,
      open: items.filter((i) => isOpen(i.status)).length,
      resolved: items.filter((i) => i.status === 'resolved').length,
      votes: expect.any(Number),
      weeks: 12,
    });
    expect(items).toHaveLength(DEMO_ITEMS.length);
    expect(summary.items).toBeGreaterThanOrEqual(30);
    expect(new Set(items.map((i) => i.category))).toEqual(new Set(CATEGORIES.map((c) => c.value)));
    const count = (status: Item['status']) => items.filter((i) => i.status === status).length;
    expect(count('resolved')).toBeGreaterThanOrEqual(6);
    expect(count('wont_fix')).toBeGreaterThanOrEqual(1);
    expect(count('in_progress')).toBeGreaterThanOrEqual(2);
    expect(inChannel(CHANNELS.general)).toHaveLength(0);
    expect(inChannel(CHANNELS.mlPlatform).length).toBeGreaterThan(inChannel(CHANNELS.dataEng).length);
    expect(inChannel(CHANNELS.research).length).toBeGreaterThan(0);
    for (const i of items) {
      expect(i.title.length).toBeLessThanOrEqual(LIMITS.titleMax);
      expect(i.component.length).toBeLessThanOrEqual(LIMITS.componentMax);
    }
    // Budget from the brief; generous here, since test files run side by side on a small machine.
    expect(seconds).toBeLessThan(10);
  });

  it('back-dates the twelve weeks: filings, votes and resolutions carry their own times', async () => {
    const created = items.map((i) => Date.parse(i.createdAt));
    expect(Math.min(...created)).toBeGreaterThan(NOW.getTime() - 84 * DAY_MS);
    expect(Math.max(...created)).toBeLessThan(NOW.getTime());
    for (const i of items.filter((i) => i.status === 'resolved')) {
      expect(Date.parse(i.resolvedAt ?? '')).toBeGreaterThan(Date.parse(i.createdAt));
      expect(i.resolvedInterest).toBeGreaterThan(0);
    }
    const [first] = items;
    const history = await h.deps.items.history(TEAM, first?.id ?? 0);
    expect(history[0]).toMatchObject({ kind: 'filed', at: first?.createdAt });
    const times = history.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(history.some((e) => e.kind === 'voted' && e.at > (first?.createdAt ?? ''))).toBe(true);
  });

  it('has votes from several people, some apart, and items still waiting for votes', async () => {
    const scored = await h.deps.scores.score(TEAM, items);
    const voted = scored.filter((s) => s.votes.length > 0);
    expect(summary.votes).toBe(scored.reduce((sum, s) => sum + s.votes.length, 0));
    expect(Math.max(...voted.map((s) => s.score.voters))).toBeGreaterThanOrEqual(4);
    expect(scored.filter((s) => s.score.voters >= 2).length).toBeGreaterThanOrEqual(20);
    expect(scored.some((s) => s.score.disagreement.length > 0)).toBe(true);
    expect(scored.some((s) => s.score.measured)).toBe(true);
    const open = scored.filter((s) => isOpen(s.item.status));
    expect(open.filter((s) => s.votes.length === 0).length).toBeGreaterThanOrEqual(2);
    expect(open.filter((s) => s.votes.length > 0 && !s.score.ranked).length).toBeGreaterThanOrEqual(2);
  });

  it('ranks #ml-platform in /debt top and /debt list by priority', async () => {
    const top = await command('top', CHANNELS.mlPlatform);
    expect(top.text).toMatch(/^Top 5 of \d+ in <#C0MLPLAT>/);
    const ranked = ids(top);
    expect(ranked).toHaveLength(5);
    const scored = await h.deps.scores.score(
      TEAM,
      items.filter((i) => ranked.includes(i.id)),
    );
    const priority = (id: number) => scored.find((s) => s.item.id === id)?.score.priority ?? 0;
    expect(ranked.map(priority)).toEqual(ranked.map(priority).sort((a, b) => b - a));
    for (const s of scored) expect(s.item).toMatchObject({ channelId: CHANNELS.mlPlatform, status: 'open' });

    const list = await command('list', CHANNELS.mlPlatform);
    const open = inChannel(CHANNELS.mlPlatform).filter((i) => isOpen(i.status));
    expect(list.text).toBe(`Open debt in <#C0MLPLAT>: ${open.length} items`);
    expect(ids(list)).toHaveLength(10);
  });

  it('answers /debt stats with the interest rate and a 12-week trend', async () => {
    const stats = await command('stats', CHANNELS.mlPlatform);
    const rate = Number(/interest rate (\d+)%/.exec(stats.text ?? '')?.[1]);
    expect(rate).toBeGreaterThanOrEqual(30);
    expect(rate).toBeLessThanOrEqual(45);
    expect(stats.blocks?.some((b) => b.type === 'image')).toBe(true);
    expect(JSON.stringify(stats.blocks)).toContain('has paid for itself');

    // The numbers the chart draws, from the use case behind the command.
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: h.fake.url });
    const model = await loadStats(
      h.deps,
      { teamId: TEAM, userId: ANA, channelId: CHANNELS.mlPlatform, client },
      { all: false, channelLabel: '#ml-platform' },
    );
    const weeks = model.trend.weeks;
    expect(weeks).toHaveLength(12);
    expect(weeks.every((w) => w.openInterest !== null)).toBe(true);
    expect(weeks.at(-1)?.openInterest ?? 0).toBeGreaterThan(2 * (weeks[0]?.openInterest ?? 0));
    // Filed per week comes from the items' own dates: those filed since the chart's first Monday.
    const since = DateTime.fromISO(weeks[0]?.startsOn ?? '', { zone: 'Europe/Berlin' }).toMillis();
    const filedSince = inChannel(CHANNELS.mlPlatform).filter((i) => Date.parse(i.createdAt) >= since);
    expect(weeks.reduce((sum, w) => sum + w.filed, 0)).toBe(filedSince.length);
  });

  it('previews a digest that knows the change since the last one, what needs votes and what is at risk', async () => {
    const digest = await command('digest', CHANNELS.mlPlatform);
    const body = JSON.stringify(digest.blocks);
    expect(body).toMatch(/since 2026-W49/);
    for (const section of ['Next up', 'Needs votes', 'Needs discussion', 'Risk', 'Budget'])
      expect(body).toContain(section);
  });

  it('keeps twelve weekly snapshots per digest channel that agree with the items’ dates', async () => {
    for (const channelId of [CHANNELS.mlPlatform, CHANNELS.dataEng]) {
      const settings = await h.deps.settings.get(TEAM, channelId);
      expect(settings).toMatchObject({
        digestEnabled: true,
        timezone: 'Europe/Berlin',
        stewards: ['U0DANA'],
      });
      expect(settings.capacityHours).toBe(channelId === CHANNELS.mlPlatform ? 120 : 60);
      const snapshots = await h.deps.history.forChannel(TEAM, channelId);
      expect(snapshots).toHaveLength(12);
      for (const s of snapshots) {
        const at = Date.parse(s.at);
        const openThen = inChannel(channelId).filter(
          (i) => Date.parse(i.createdAt) < at && (i.resolvedAt === null || Date.parse(i.resolvedAt) > at),
        );
        expect(s.openCount, s.week).toBe(openThen.length);
        expect(s.capacityHours).toBe(settings.capacityHours);
      }
    }
    expect(h.log.filter((line) => line.includes('demo snapshot already taken'))).toEqual([]);
  });

  it('posts every card with its vote panel in its channel, the private channel’s items staying there', async () => {
    for (const item of items) {
      const messages = h.fake.messages(item.channelId);
      const card = messages.find((m) => m.ts === item.card?.ts && !m.thread_ts);
      expect(card, `card of DEBT-${item.id}`).toMatchObject({ user: BOT_USER_ID });
      expect(card?.text).toContain(`DEBT-${item.id}`);
      const panel = messages.find((m) => m.ts === item.panelTs);
      expect(panel, `panel of DEBT-${item.id}`).toMatchObject({ thread_ts: item.card?.ts });
    }
    expect(h.fake.messages(CHANNELS.general)).toHaveLength(0);
    // The card Slack turned away once (see beforeAll) was posted on the next try.
    const cardPosts = h.fake.callsTo('chat.postMessage').filter((c) => !c.args.thread_ts && !c.args.metadata);
    expect(cardPosts).toHaveLength(items.length + 1);
    const research = inChannel(CHANNELS.research);
    expect(research.every((i) => i.channelVisibility === 'private')).toBe(true);
    const openCount = (list: readonly Item[]) => list.filter((i) => isOpen(i.status)).length;
    const everywhere = await command('list all', CHANNELS.general, BEN);
    expect(everywhere.text).toBe(
      `Open debt across the workspace: ${openCount(items) - openCount(research)} items`,
    );
    const there = await command('list', CHANNELS.research, 'U0MEI');
    expect(there.text).toBe(`Open debt in <#${CHANNELS.research}>: ${openCount(research)} items`);
  });
});
