// `/debt top` and `/debt list` as use cases: the top list is headed by what it shows and points to the full
// list; both link ids to their cards once the workspace's address is known (SPEC §2.1, §2.5).
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { buildItemList } from '../../blocks/item-list.ts';
import type { Item } from '../../src/domain/item.ts';
import type { Level } from '../../src/domain/scales.ts';
import { scoreItem, type Vote } from '../../src/domain/scoring.ts';
import { ChannelSettingsSchema } from '../../src/domain/settings.ts';
import { loadListPage, loadTop } from '../../src/features/list-items.ts';
import { item } from '../blocks/digest-fixtures.ts';
import { renderedText } from '../blocks/problems.ts';
import { fakeDeps } from '../support/fake-deps.ts';

const TEAM = 'T0TEAM0001';
const CHANNEL = 'C0CHANNEL01';
const NOW = new Date('2026-12-04T12:00:00Z');

/** Items 1…`ranked` have two voters (ranked at quorum 2); the rest have one severity vote (unranked). */
function listDeps(total: number, ranked: number, topN: number) {
  const items = Array.from({ length: total }, (_, i) => item(i + 1));
  const votesOf = (id: number): Vote[] => {
    const voters = id <= ranked ? ['U0VOTER001', 'U0VOTER002'] : ['U0VOTER001'];
    return voters.flatMap((userId) => [
      { userId, dimension: 'severity' as const, level: 3 as Level },
      ...(id <= ranked ? [{ userId, dimension: 'frequency' as const, level: 3 as Level }] : []),
    ]);
  };
  return fakeDeps({
    items: {
      listChannel: async () => items,
      listTeam: async () => items,
    } as never,
    scores: {
      score: async (_team: string, list: readonly Item[]) =>
        list.map((i) => ({ item: i, score: scoreItem(votesOf(i.id), [], 2, NOW) })),
    } as never,
    settings: { get: async () => ChannelSettingsSchema.parse({ v: 1, topN }) } as never,
  }).deps;
}

const client = {
  auth: { test: async () => ({ ok: true, url: 'https://acme.slack.com/' }) },
} as unknown as webApi.WebClient;

describe('loadTop', () => {
  it('one ranked item: "Top 1", no page footer, no needs-votes legend, and a pointer to /debt list', async () => {
    const text = renderedText(buildItemList(await loadTop(listDeps(3, 1, 5), TEAM, CHANNEL, 'U0ME')));
    expect(text).toContain(`*Top 1 in <#${CHANNEL}>*`);
    expect(text).not.toMatch(/Top 5|Page \d+ of/);
    expect(text).not.toContain('needs votes');
    expect(text).toContain('`/debt list` ranks every open item');
  });

  it('more ranked than the channel shows: "Top 5 of 12"', async () => {
    const model = await loadTop(listDeps(12, 12, 5), TEAM, CHANNEL, 'U0ME');
    expect(model.heading).toBe(`Top 5 of 12 in <#${CHANNEL}>`);
    expect(model.entries).toHaveLength(5);
  });

  it('everything shown: no pointer to the rest', async () => {
    const model = await loadTop(listDeps(2, 2, 5), TEAM, CHANNEL, 'U0ME');
    expect(model.hint).toBeUndefined();
  });

  it('links ids to their cards when given the client', async () => {
    const text = renderedText(buildItemList(await loadTop(listDeps(1, 1, 5), TEAM, CHANNEL, 'U0ME', client)));
    expect(text).toContain(
      `1. *<https://acme.slack.com/archives/${CHANNEL}/p1764489600000001|DEBT-1>* Item 1`,
    );
  });
});

describe('loadListPage', () => {
  const query = {
    teamId: TEAM,
    channelId: CHANNEL,
    userId: 'U0ME',
    filters: { category: null, status: null, mine: false, all: false },
  };

  it('links ids with the client, and explains the unranked rows it shows', async () => {
    const text = renderedText(buildItemList(await loadListPage(listDeps(2, 1, 5), query, 1, client)));
    expect(text).toContain('<https://acme.slack.com/archives/');
    expect(text).toContain('• = needs votes: not ranked yet, so listed last');
    expect(text).not.toMatch(/Page \d+ of/);
  });

  it('without a client, plain ids', async () => {
    const model = await loadListPage(listDeps(1, 1, 5), query, 1);
    expect(model.workspaceUrl).toBeNull();
    expect(renderedText(buildItemList(model))).toContain('1. *DEBT-1* Item 1');
  });
});
