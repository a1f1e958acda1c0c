import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALLBACK } from '../../blocks/ids.ts';
import { type Harness, startHarness } from '../support/harness.ts';

const EVIL = '<!channel> <!here> <@U123> <http://evil|click> & co';

describe('filing an item with /debt', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    h.fake.assertNoViolations();
    await h.stop();
  });

  it('opens the modal inside the 3-second window, prefilled with free text', async () => {
    const { response } = await h.command('Feature store backfill is a manual notebook');
    expect(response.status).toBe(200);
    const view = await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const opened = h.openedView();
    expect(opened.callback_id).toBe(CALLBACK.fileModal);
    expect(JSON.stringify(view.args.view)).toContain('Feature store backfill is a manual notebook');
    expect(JSON.stringify(view.args.view)).toContain('"initial_conversation":"C0TEAM"');
  });

  it('answers invalid fields inline and files nothing', async () => {
    await h.command('');
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const res = await h.submit(h.openedView(), {
      title: 'ab',
      category: null,
      links: 'ftp://x.example notalink',
      channel: 'C0TEAM',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      response_action: 'errors',
      errors: {
        title: expect.stringContaining('3–150'),
        category: 'Choose a category.',
        links: expect.any(String),
      },
    });
    expect(await h.deps.items.listTeam('T0FAKE')).toEqual([]);
  });

  it('saves the item, closes the modal and posts an escaped card; a resubmission files nothing new', async () => {
    h.fake.taint(EVIL);
    await h.command('');
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const view = h.openedView();
    const values = {
      title: `Eval set leaks ${EVIL}`.slice(0, 150),
      category: 'data',
      description: `Details: ${EVIL}`,
      component: EVIL.slice(0, 40),
      links: 'https://wiki.example/leak',
      channel: 'C0TEAM',
      severity: '4',
      frequency: '3',
      effort: '2',
    };
    const first = await h.submit(view, values);
    expect(first.status).toBe(200);
    expect(first.text).toBe('');
    const post = await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage')[0]);
    expect(post.args.channel).toBe('C0TEAM');
    expect(JSON.stringify(post.args.blocks)).toContain('DEBT-1');
    expect(JSON.stringify(post.args.blocks)).toContain('&lt;!channel&gt;');

    const item = await h.fake.waitFor(async () => (await h.deps.items.get('T0FAKE', 1))?.card);
    expect(item).toMatchObject({ ts: expect.any(String) });
    const saved = await h.deps.items.require('T0FAKE', 1);
    expect(saved).toMatchObject({
      reporterId: 'U0ALICE',
      category: 'data',
      channelVisibility: 'public',
      links: ['https://wiki.example/leak'],
    });
    const votes = (await h.deps.votes.forItems('T0FAKE', [1])).get(1);
    expect(votes).toHaveLength(3);

    await h.fake.waitFor(async () => (await h.deps.items.require('T0FAKE', 1)).panelTs);
    const again = await h.submit(view, values);
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    // One card and its vote panel (the first thread reply), nothing more.
    const posts = h.fake.callsTo('chat.postMessage');
    expect(posts.map((p) => p.args.thread_ts ?? 'card')).toEqual([
      'card',
      post.args.thread_ts ?? saved.card?.ts,
    ]);
    expect(await h.deps.items.listTeam('T0FAKE')).toHaveLength(1);
  });

  it('keeps the item and tells the reporter how to fix it when the card cannot be posted', async () => {
    h.fake.setChannel('GSECRET', { is_private: true, is_member: false });
    await h.command('Undocumented label pipeline', { channelId: 'GSECRET' });
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const responseUrl = h.fake.issueResponseUrl();
    await h.submit(
      h.openedView(),
      { title: 'Undocumented label pipeline', category: 'pipeline', channel: 'GSECRET' },
      { responseUrl },
    );
    const told = await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]);
    expect(JSON.stringify(told)).toContain('/invite @Debt Triage');
    expect(JSON.stringify(told)).toContain('DEBT-1');
    const item = await h.deps.items.require('T0FAKE', 1);
    expect(item.card).toBeNull();
    expect(item.channelVisibility).not.toBe('public');

    // After inviting the bot, "Try again" posts the card.
    h.fake.setChannel('GSECRET', { is_private: true, is_member: true });
    const { responseUrl: retryUrl } = await h.click('debt_card_repost', '1', { channelId: 'DALICE' });
    const outcome = await h.fake.waitFor(() => h.fake.responses(retryUrl)[0]);
    expect(JSON.stringify(outcome)).toContain('Done');
    expect(h.fake.messages('GSECRET').filter((m) => !m.thread_ts || m.thread_ts === m.ts)).toHaveLength(1);
  });

  it('posts one card however fast Try again is pressed twice', async () => {
    h.fake.setChannel('GTWICE', { is_private: true, is_member: false });
    await h.command('', { channelId: 'GTWICE' });
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    await h.submit(h.openedView(), { title: 'Unowned feature flags', category: 'config', channel: 'GTWICE' });
    await h.fake.waitFor(() => h.fake.callsTo('response_url').length > 0);
    h.fake.setChannel('GTWICE', { is_private: true, is_member: true });
    await Promise.all([h.click('debt_card_repost', '1'), h.click('debt_card_repost', '1')]);
    await h.fake.waitFor(async () => (await h.deps.items.require('T0FAKE', 1)).panelTs);
    const cards = h.fake.messages('GTWICE').filter((m) => !m.thread_ts || m.thread_ts === m.ts);
    expect(cards).toHaveLength(1);
    const item = await h.deps.items.require('T0FAKE', 1);
    expect(h.fake.messages('GTWICE').find((m) => m.ts === item.panelTs)?.thread_ts).toBe(item.card?.ts);
  });

  it('publishes the card when a resubmitted modal finds its item saved but never posted', async () => {
    await h.command('');
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const view = h.openedView();
    // The first submission saved the item, then its process died before posting the card.
    await h.deps.items.file({
      teamId: 'T0FAKE',
      channelId: 'C0TEAM',
      reporterId: 'U0ALICE',
      submissionKey: view.id,
      draft: {
        title: 'Lost card',
        description: '',
        category: 'ops',
        component: '',
        links: [],
        ownerId: null,
      },
    });
    const again = await h.submit(view, { title: 'Lost card', category: 'ops', channel: 'C0TEAM' });
    expect(again.text).toBe('');
    await h.fake.waitFor(async () => (await h.deps.items.require('T0FAKE', 1)).card);
    expect(await h.deps.items.listTeam('T0FAKE')).toHaveLength(1);
  });

  it('falls back to a DM when there is no response_url', async () => {
    h.fake.setChannel('CGONE', { is_archived: true });
    await h.command('');
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    await h.submit(
      h.openedView(),
      { title: 'Stale model in prod', category: 'model', channel: 'CGONE' },
      { responseUrl: null },
    );
    const dm = await h.fake.waitFor(() =>
      h.fake.callsTo('chat.postMessage').find((c) => c.args.channel !== 'CGONE'),
    );
    expect(JSON.stringify(dm.args)).toContain('archived');
    expect(await h.deps.items.get('T0FAKE', 1)).not.toBeNull();
  });
});
