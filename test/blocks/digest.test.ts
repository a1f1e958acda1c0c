// The digest message (SPEC §2.4) against Slack's limits (§4) and escaping (§2.7), from empty to 10,000 hostile items.
import { describe, expect, it } from 'vitest';
import { buildDigestMessage } from '../../blocks/digest.ts';
import { SLACK_LIMITS } from '../../blocks/limits.ts';
import { buildDigestModel, type DigestModel } from '../../src/domain/digest.ts';
import { blockTextLength, DATE_TOKEN } from '../../src/sandbox/fake-slack/payload-rules.ts';
import {
  daysAgo,
  disputed,
  entry,
  input,
  MAX_DENSE_TITLE,
  maximalInput,
  ranked,
  settings,
  unranked,
} from './digest-fixtures.ts';
import { CHANNEL, EVIL_ATOMS, TAINTED } from './fixtures.ts';
import { messageProblems, nodes, renderedText } from './problems.ts';

const WORKSPACE = 'https://acme.slack.com/';
const tainted = [...TAINTED, MAX_DENSE_TITLE];
const sectionHeadings = (text: string) =>
  [
    'Paid down',
    'Interest',
    'Next up',
    'Risk',
    'Needs votes',
    'Needs discussion',
    'Budget',
    'New this week',
    'Stale',
  ].filter((h) => text.includes(`*${h}*`));

describe('buildDigestMessage with maximal data', () => {
  // Everything at once: a capacity the debt eats, a rising series (spiral and projection), and the chart.
  const rising = ['2026-W45', '2026-W46', '2026-W47', '2026-W48'].map((week, i) => ({
    week,
    interest: 100 + i,
  }));
  const base = maximalInput(10_000);
  const model = buildDigestModel({
    ...base,
    settings: { ...base.settings, capacityHours: 10_000 },
    interestSeries: rising,
  });
  const msg = buildDigestMessage(model, {
    workspaceUrl: WORKSPACE,
    chart: { fileId: 'F0CHART', altText: 'Open interest rose. '.repeat(100) },
  });
  const text = renderedText(msg);

  it('has every section, filled to its cap', () => {
    expect(sectionHeadings(text)).toHaveLength(9);
    expect(model.nextUp?.entries).toHaveLength(10);
    expect(model.paidDown?.resolvers.total).toBe(50);
    expect(model.newThisWeek?.byCategory).toHaveLength(13);
  });

  it('stays within every Slack limit and keeps the hostile titles inert', () => {
    expect(messageProblems(msg, tainted)).toEqual([]);
    // One screen (Slack allows 50 blocks and 10,000 characters): celebrations, spiral, projection and chart
    // included, with hostile titles.
    expect(msg.blocks.length).toBeLessThanOrEqual(27);
    expect(JSON.stringify(msg.blocks)).toContain('"slack_file":{"id":"F0CHART"}');
    expect(text).toContain('*Debt spiral*');
    expect(text).toContain('Straight-line projection');
    expect(blockTextLength(msg.blocks)).toBeLessThan(9000);
    for (const atom of EVIL_ATOMS.filter((a) => /[<>]/.test(a))) expect(text).not.toContain(atom);
    // No special mention anywhere; the only `<!` is the app's own date token (each reader's zone).
    expect(JSON.stringify(msg).replace(DATE_TOKEN, '')).not.toContain('<!');
  });

  it('says "…and N more" wherever a list was cut', () => {
    const more = text.match(/…and \d+ more/g) ?? [];
    // next up, risk, needs votes, needs discussion, budget, stale
    expect(more.length).toBeGreaterThanOrEqual(6);
    expect(text).toContain(`…and ${(model.stale?.total ?? 0) - 3} more stale items`);
    expect(text).toMatch(/Thanks (<@U\d+>, ){9}<@U\d+> and 40 others!/);
    expect(text).toContain('The digests of 2026-W40, 2026-W41, 2026-W42, 2026-W43 and 3 more were skipped');
  });

  it('has a fallback text with counts and no user text', () => {
    expect(msg.text).toMatch(
      /^Debt digest for the week of 23 Nov: [\d,]+ open items cost [\d,]+ h\/week, [\d,]+ paid down$/,
    );
  });

  it('stays within the hard limits whatever the zone, kind and link settings', () => {
    for (const kind of ['scheduled', 'manual'] as const) {
      for (const workspaceUrl of [WORKSPACE, null]) {
        const m = buildDigestModel({ ...maximalInput(2000), kind, timezone: 'Pacific/Chatham' });
        const out = buildDigestMessage(m, { workspaceUrl });
        expect(messageProblems(out, tainted)).toEqual([]);
        expect(out.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
        expect(blockTextLength(out.blocks)).toBeLessThan(SLACK_LIMITS.messageBlockText);
      }
    }
  });

  it('stays under the block text limit with every card linked through a long workspace URL', () => {
    const base = maximalInput(2000);
    const linked = base.items.map((d, i) => ({
      ...d,
      item: { ...d.item, card: { ts: `1764489600.${String(i).padStart(6, '0')}`, orphaned: false } },
    }));
    const out = buildDigestMessage(buildDigestModel({ ...base, items: linked }), {
      workspaceUrl: 'https://a-very-long-enterprise-workspace-name.enterprise.slack.com/',
    });
    expect(messageProblems(out, tainted)).toEqual([]);
    expect(out.blocks.length).toBeLessThanOrEqual(25);
    expect(blockTextLength(out.blocks)).toBeLessThan(9000);
  });
});

describe('buildDigestMessage', () => {
  const build = (model: DigestModel, workspaceUrl: string | null = WORKSPACE) =>
    buildDigestMessage(model, { workspaceUrl });

  it('invites the first filing in an empty channel', () => {
    const msg = build(buildDigestModel(input([])));
    const text = renderedText(msg);
    expect(text).toContain('No debt filed in this channel yet');
    expect(text).toContain('`/debt`');
    expect(sectionHeadings(text)).toEqual([]);
    expect(msg.text).toContain('no debt filed');
    expect(messageProblems(msg)).toEqual([]);
  });

  it('leaves out the sections with nothing in them', () => {
    const msg = build(buildDigestModel(input([entry(1, ranked())])));
    expect(sectionHeadings(renderedText(msg))).toEqual(['Interest', 'Next up']);
    expect(renderedText(msg)).not.toContain('more');
  });

  it('says so when a channel has items but nothing to report', () => {
    const closed = entry(1, ranked(), { status: 'wont_fix', resolvedAt: daysAgo(60) });
    const msg = build(buildDigestModel(input([closed])));
    expect(sectionHeadings(renderedText(msg))).toEqual([]);
    expect(renderedText(msg)).toContain('Nothing to report');
    expect(messageProblems(msg)).toEqual([]);
  });

  it('links an item to its thread only with a workspace URL and a posted card', () => {
    const items = [
      entry(1, ranked(5, 5)),
      entry(2, ranked(4, 5), { card: null }),
      entry(3, ranked(4, 4), { card: { ts: '1764489600.000300', orphaned: true } }),
    ];
    const model = buildDigestModel(input(items));
    const linked = renderedText(build(model));
    expect(linked).toContain(`<${WORKSPACE}archives/${CHANNEL}/p1764489600000001|DEBT-1>`);
    expect(linked).toContain('*DEBT-2*');
    expect(linked).toContain('*DEBT-3*');
    expect(
      nodes(build(model).blocks).some(
        (n) => typeof n.text === 'string' && n.text.includes('p1764489600000300'),
      ),
    ).toBe(false);
    const unlinked = renderedText(build(model, null));
    expect(unlinked).not.toContain('https://');
    expect(unlinked).toContain('*DEBT-1*');
  });

  it('shows the next-up figures, the budget and the change since last week', () => {
    const model = buildDigestModel(
      input(
        [entry(1, ranked(4, 4, 2)), entry(2, ranked(3, 3, 1)), entry(3, disputed()), entry(4, unranked())],
        {
          settings: settings({ capacityHours: 50, budgetPercent: 20 }),
          lastSnapshot: { week: '2026-W47', interest: 110 },
        },
      ),
    );
    const text = renderedText(build(model));
    // The one score line of lists and cards; 8 h at 80 h/week pays back within one working day.
    expect(text).toContain(
      'Pipelines &amp; glue code · 80 h/week · fix S (8 h) · pays back in under a working day · medium confidence, 2 voters',
    );
    expect(text).toContain('*10 h used of 10*');
    expect(text).toContain(':arrow_down: down 1.9 h/week since 2026-W47');
    expect(text).toContain('votes split on severity');
    // The disputed item is risk-lane, but already in next up; nothing was filed this week.
    expect(sectionHeadings(text)).toEqual([
      'Interest',
      'Next up',
      'Needs votes',
      'Needs discussion',
      'Budget',
    ]);
  });

  it('dates the header in the channel zone and labels a manual digest', () => {
    const late = new Date('2026-11-29T23:30:00.000Z'); // already Monday 30 Nov in Berlin
    const model = buildDigestModel(
      input([entry(1)], {
        kind: 'manual',
        window: { start: new Date(late.getTime() - 7 * 86_400_000), end: late },
      }),
    );
    const msg = build(model);
    expect(JSON.stringify(msg.blocks[0])).toContain('Debt digest · 7 days to 30 Nov');
    expect(renderedText(msg)).toContain('Posted on request');
  });

  it('says a private preview is one, and how to share it', () => {
    const model = buildDigestModel(input([entry(1)], { kind: 'manual' }));
    const msg = buildDigestMessage(model, { workspaceUrl: null, preview: true });
    const text = renderedText(msg);
    expect(text).toContain('Preview, only you can see this: the digest for <!date^');
    expect(text).toContain('`/debt digest post` shares it in the channel');
    expect(text).not.toContain('Posted on request');
    expect(msg.text.startsWith('Preview: ')).toBe(true);
    expect(messageProblems(msg)).toEqual([]);
  });

  it('dates the period with date tokens, the fallback in the channel zone', () => {
    const model = buildDigestModel(input([entry(1)]));
    const period = renderedText(build(model)).split('\n')[0] ?? '';
    const start = Math.floor(model.window.start.getTime() / 1000);
    expect(period).toMatch(
      new RegExp(
        `^Weekly digest for <!date\\^${start}\\^\\{date_short_pretty\\} \\{time\\}\\|\\d+ \\w{3} \\d{4} \\d\\d:\\d\\d ${model.timezone}> – <!date\\^`,
      ),
    );
  });

  it('points to `/debt list` for the full ranked list, never `/debt top`', () => {
    const many = Array.from({ length: 8 }, (_, i) => entry(i + 1, ranked()));
    const text = renderedText(build(buildDigestModel(input(many, { settings: settings({ topN: 3 }) }))));
    expect(text).toContain('ranked items: `/debt list` ranks them all');
    expect(text).toContain('`/debt list` for the full list');
    expect(text).not.toContain('/debt top');
  });

  it('cuts long titles at a word, never mid-word', () => {
    const title =
      'Nobody can retrain the ranking model from last quarter because the feature snapshots expired';
    const model = buildDigestModel(input([entry(1, ranked(), { title })]));
    const text = renderedText(build(model));
    expect(text).toContain('|DEBT-1>* Nobody can retrain the ranking model from last quarter because…');
    expect(text).not.toMatch(/becau…|the ran…/);
  });
});
