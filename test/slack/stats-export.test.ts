// `/debt stats` and `/debt export` through the real receiver (SPEC §2.10): the private answer with the chart,
// the empty state, usage for a bad argument, privacy of `all`, and the CSV delivered by DM.
import { webApi } from '@slack/bolt';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../blocks/kit.ts';
import { answerStats } from '../../src/slack/commands/history-commands.ts';
import { TEAM, useHarness } from '../support/harness.ts';

type Blocks = { type: string; slack_file?: { id?: string } }[];

describe('/debt stats and /debt export', () => {
  const h = useHarness({
    setup: (hh) => {
      hh.fake.setChannel('GSTATSPRIV', { is_private: true, is_member: true });
      hh.fake.setUser('U0STATADMIN', { is_admin: true });
    },
  });
  let seeded = false;
  async function seed() {
    if (seeded) return;
    seeded = true;
    await h.file({
      title: 'Feature store schema undocumented',
      channelId: 'C0STATS',
      severity: '3',
      frequency: '4',
    });
    await h.file({
      title: 'Only Ana can retrain the ranker',
      channelId: 'C0STATS',
      severity: '4',
      frequency: '3',
    });
    await h.file({
      title: 'Secret pricing model drifts',
      channelId: 'GSTATSPRIV',
      userId: 'U0PRIVREP',
      severity: '5',
      frequency: '4',
    });
    // The private item is known to be private once its card is out (conversations.info).
    await h.fake.waitFor(async () => {
      const items = await h.deps.items.listChannel(TEAM, 'GSTATSPRIV');
      return items[0]?.channelVisibility === 'private';
    });
  }

  async function stats(text: string, userId = 'U0BYSTANDER', channelId = 'C0STATS') {
    const result = await h.command(text, { userId, channelId });
    expect(result.response.status).toBe(200);
    return (await result.reply()) as { response_type?: string; text?: string; blocks?: Blocks };
  }

  it('answers privately with the numbers and the trend chart uploaded to Slack', async () => {
    await seed();
    const reply = await stats('stats');
    expect(reply.response_type).toBe('ephemeral');
    const body = JSON.stringify(reply.blocks);
    expect(body).toContain('Debt stats · #c0stats');
    expect(body).toContain('open debt costs *36 h/week*'); // 4 h × 5/week + 16 h × 1/week
    const image = reply.blocks?.find((b) => b.type === 'image');
    expect(h.fake.file(image?.slack_file?.id ?? '')).toMatchObject({ imageType: 'png', completed: true });
  });

  it('shows an empty channel an invitation and uploads nothing', async () => {
    const uploads = h.fake.callsTo('files.getUploadURLExternal').length;
    const reply = await stats('stats', 'U0BYSTANDER', 'C0EMPTY');
    expect(JSON.stringify(reply.blocks)).toContain('No debt filed in <#C0EMPTY> yet');
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(uploads);
  });

  it('answers an unknown argument with the usage, naming it', async () => {
    const reply = await stats('stats weekly');
    expect(reply.text).toContain('`weekly` is not expected');
    expect(reply.text).toContain('/debt stats [all]');
    expect((await stats('export csv')).text).toContain('/debt export [all]');
  });

  it('leaves a private channel’s items out of a bystander’s `stats all`, not its reporter’s or an admin’s', async () => {
    await seed();
    const interest = async (userId: string) => JSON.stringify((await stats('stats all', userId)).blocks);
    expect(await interest('U0BYSTANDER')).toContain('open debt costs *36 h/week*');
    expect(await interest('U0BYSTANDER')).toContain('Items in private channels are left out');
    expect(await interest('U0PRIVREP')).toContain('open debt costs *236 h/week*'); // + 40 h × 5/week
    expect(await interest('U0STATADMIN')).toContain('open debt costs *236 h/week*');
  });

  async function exported(text: string, userId: string): Promise<Record<string, string>[]> {
    const before = h.fake.files().length;
    const reply = await stats(text, userId);
    expect(reply.text).toContain('is on its way');
    const file = await h.fake.waitFor(
      () =>
        h.fake
          .files()
          .slice(before)
          .find((f) => f.completed && f.channels.length > 0),
      15_000,
    );
    return parse(file.bytes, { columns: true, bom: true });
  }

  it('delivers the CSV by DM, and a bystander’s `export all` leaves the private item out', async () => {
    await seed();
    const mine = await exported('export', 'U0BYSTANDER');
    expect(mine).toHaveLength(2);
    const everything = await exported('export all', 'U0BYSTANDER');
    expect(everything.map((r) => Object.values(r).join(' '))).not.toContainEqual(
      expect.stringContaining('Secret pricing'),
    );
    const admin = await exported('export all', 'U0STATADMIN');
    expect(admin).toHaveLength(3);
  });

  it('answers without the chart when Slack refuses the image, rather than losing the numbers', async () => {
    await seed();
    const replies: Message[] = [];
    const reply = async (message: Message) => {
      replies.push(message);
      if (replies.length === 1) throw new Error('An API error occurred: invalid_blocks');
    };
    const client = new webApi.WebClient('xoxb-test', { slackApiUrl: h.fake.url });
    await answerStats(
      h.deps,
      { teamId: TEAM, userId: 'U0BYSTANDER', channelId: 'C0STATS', client, reply },
      false,
      'c0stats',
    );
    expect(replies.map((m) => JSON.stringify(m.blocks).includes('"type":"image"'))).toEqual([true, false]);
    expect(JSON.stringify(replies[1]?.blocks)).toContain('open debt costs *36 h/week*');
  });
});
