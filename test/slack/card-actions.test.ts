import { describe, expect, it } from 'vitest';
import { postToApp } from '../../src/sandbox/sign.ts';
import { blockActionBody } from '../support/driver.ts';
import { SIGNING_SECRET, TEAM, useHarness } from '../support/harness.ts';

describe('card buttons, the message shortcut and card refreshes', () => {
  const h = useHarness();

  it('Resolve on the card resolves for the reporter and refuses others', async () => {
    const id = await h.file({ title: 'Dead experiment branches in trainer' });
    const refused = await h.click('debt_card_resolve', String(id), { userId: 'U0MALLORY' });
    expect(JSON.stringify(await h.fake.waitFor(() => h.fake.responses(refused.responseUrl)[0]))).toContain(
      'Only',
    );
    const done = await h.click('debt_card_resolve', String(id));
    const answer = await h.fake.waitFor(() => h.fake.responses(done.responseUrl)[0]);
    expect(answer).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect((await h.deps.items.require(TEAM, id)).status).toBe('resolved');
  });

  it('Edit on the card opens the prefilled edit modal', async () => {
    const id = await h.file({ title: 'Serving and training tokenizers differ' });
    const opens = h.fake.callsTo('views.open').length;
    await h.click('debt_card_edit', String(id));
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    expect(JSON.stringify(h.openedView())).toContain('Serving and training tokenizers differ');
  });

  it('File as debt opens the modal prefilled from the message', async () => {
    const { webApi } = await import('@slack/bolt');
    const poster = new webApi.WebClient('xoxb-test', { slackApiUrl: h.fake.url });
    const original = await poster.chat.postMessage({ channel: 'C0TEAM', text: 'The nightly backfill' });
    const opens = h.fake.callsTo('views.open').length;
    const triggerId = h.fake.issueTriggerId();
    const { interactionBody, postToApp } = await import('../../src/sandbox/sign.ts');
    const { SIGNING_SECRET } = await import('../support/harness.ts');
    const res = await postToApp(
      h.events,
      SIGNING_SECRET,
      interactionBody({
        type: 'message_action',
        callback_id: 'debt_file_from_message',
        trigger_id: triggerId,
        team: { id: TEAM, domain: 'fake' },
        user: { id: 'U0ALICE', username: 'alice', team_id: TEAM },
        channel: { id: 'C0TEAM', name: 'team' },
        message: {
          type: 'message',
          ts: original.ts,
          text: 'The nightly backfill\nfailed again, third time this week',
          user: 'U0BOB',
        },
        response_url: h.fake.issueResponseUrl(),
        action_ts: '1.2',
        token: 'legacy',
      }),
    );
    expect(res.status).toBe(200);
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const view = JSON.stringify(h.openedView());
    expect(view).toContain('"initial_value":"The nightly backfill"');
    expect(view).toContain('third time this week');
    expect(view).toContain('fake.slack.com/archives');
  });

  it('honours Retry-After on a rate-limited card refresh and still shows the last state', async () => {
    const id = await h.file({ title: 'Untracked hyperparameter sweeps' });
    const cardTs = (await h.deps.items.require(TEAM, id)).card?.ts;
    const before = h.fake.callsTo('chat.update').length;
    // Only the card's update is refused: `start` refreshes the vote panel too, in no fixed order.
    h.fake.failNext('chat.update', { status: 429, retryAfter: 1 }, 1, (args) => args.ts === cardTs);
    await h.command(`start ${id}`);
    // The first attempt is refused with 429; the worker waits Retry-After, then sends the latest state again.
    const attempts = await h.fake.waitFor(() => {
      const calls = h.fake
        .callsTo('chat.update')
        .slice(before)
        .filter((c) => c.args.ts === cardTs);
      return calls.length >= 2 && calls;
    }, 10_000);
    const [refused, retried] = attempts;
    expect(JSON.stringify(retried?.args.blocks)).toContain('In progress');
    expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
  });

  it('marks a card whose message is gone as orphaned, and the item lives on', async () => {
    const id = await h.file({ title: 'Model-to-model dependency nobody owns' });
    const item = await h.deps.items.require(TEAM, id);
    h.fake.deleteMessage('C0TEAM', item.card?.ts ?? '');
    await h.command(`start ${id}`);
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).card?.orphaned, 8000);
    expect((await h.deps.items.require(TEAM, id)).status).toBe('in_progress');
  });
});

describe('the compact card: overflow menu, main buttons and the celebration in the thread', () => {
  const h = useHarness();
  const json = (v: unknown) => JSON.stringify(v);

  /** Picks `choice` in the card's overflow menu, as Slack sends it: a block_actions payload of type overflow. */
  async function pick(choice: string, itemId: number, opts: { userId?: string; messageTs?: string } = {}) {
    const responseUrl = h.fake.issueResponseUrl();
    const triggerId = h.fake.issueTriggerId();
    const body = blockActionBody({ ...opts, actionId: 'x', value: 'x', responseUrl, triggerId });
    const payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '{}');
    payload.actions = [
      {
        type: 'overflow',
        action_id: 'debt_card_more',
        block_id: 'debt_card_actions',
        selected_option: { text: { type: 'plain_text', text: choice }, value: `${choice}:${itemId}` },
        action_ts: `${Date.now() / 1000}`,
      },
    ];
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const response = await postToApp(h.events, SIGNING_SECRET, form);
    return { response, responseUrl, answer: () => h.fake.waitFor(() => h.fake.responses(responseUrl)[0]) };
  }

  async function cardOf(id: number) {
    const item = await h.deps.items.require(TEAM, id);
    return { item, ts: item.card?.ts ?? '' };
  }

  const celebrations = (cardTs: string) =>
    h.fake.messages('C0TEAM').filter((m) => m.thread_ts === cardTs && m.text.includes('Paid down by'));
  const topLevel = () => h.fake.messages('C0TEAM').filter((m) => !m.thread_ts || m.thread_ts === m.ts);

  it('overflow resolve changes the status and posts exactly one thread reply celebrating the interest', async () => {
    // severity 3 (4 h) × frequency 3 (once a week) = 4 h/week.
    const id = await h.file({ title: 'Manual retrain on Fridays', severity: '3', frequency: '3' });
    const { ts } = await cardOf(id);
    const posts = topLevel().length;
    const { response, answer } = await pick('resolve', id, { messageTs: ts });
    expect(response.status).toBe(200);
    expect(json(await answer())).toContain('is resolved');
    expect((await h.deps.items.require(TEAM, id)).status).toBe('resolved');
    const replies = await h.fake.waitFor(() => celebrations(ts).length > 0 && celebrations(ts));
    expect(replies.map((m) => m.text)).toEqual([':tada: Paid down by <@U0ALICE>: 4 h/week back']);
    const call = h.fake.callsTo('chat.postMessage').find((c) => String(c.args.text).includes('Paid down by'));
    expect(call?.args).toMatchObject({ channel: 'C0TEAM', thread_ts: ts });
    // The Web API client sends form fields: the boolean arrives as the string "false".
    expect(String(call?.args.reply_broadcast)).toBe('false');
    // The card is refreshed to say so, and nothing new appears in the channel itself.
    await h.fake.waitFor(
      () =>
        h.fake
          .callsTo('chat.update')
          .some((c) => c.args.ts === ts && json(c.args.blocks).includes('Resolved')),
      8000,
    );
    expect(topLevel().length).toBe(posts);
    // Resolving again is refused, and celebrates nothing twice.
    expect(json(await (await pick('resolve', id)).answer())).toContain('cannot be moved');
    expect(celebrations(ts)).toHaveLength(1);
  });

  it('celebrates a resolve by command and by the old Resolve button, without an interest when there was none', async () => {
    const byCommand = await h.file({ title: 'Unpinned CUDA base image' });
    await (await h.command(`resolve ${byCommand}`)).reply();
    const first = (await cardOf(byCommand)).ts;
    expect((await h.fake.waitFor(() => celebrations(first)[0])).text).toBe(':tada: Paid down by <@U0ALICE>');

    const byButton = await h.file({ title: 'Label drift nobody checks', severity: '2', frequency: '4' });
    await h.click('debt_card_resolve', String(byButton), { blockId: 'debt_card_actions' });
    const second = (await cardOf(byButton)).ts;
    expect((await h.fake.waitFor(() => celebrations(second)[0])).text).toBe(
      ':tada: Paid down by <@U0ALICE>: 5 h/week back',
    );
  });

  it("won't fix celebrates nothing", async () => {
    const id = await h.file({ title: 'Two feature stores', severity: '3', frequency: '3' });
    const { ts } = await cardOf(id);
    await (await pick('wontfix', id)).answer();
    expect((await h.deps.items.require(TEAM, id)).status).toBe('wont_fix');
    expect(h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts)).toHaveLength(1); // the panel
    expect(celebrations(ts)).toHaveLength(0);
  });

  it('Duplicate of… asks for the original in a form and closes the item as won’t fix naming it', async () => {
    const original = await h.file({ title: 'Feature store A' });
    const id = await h.file({ title: 'Feature store A again' });
    const opens = h.fake.callsTo('views.open').length;
    await pick('duplicate', id);
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const form = h.openedView();
    // Bad input answers on the field and changes nothing: not an id, the item itself, an unknown item.
    for (const [value, message] of [
      ['banana', 'e.g. DEBT-7 or 7'],
      [String(id), 'cannot be a duplicate of itself'],
      ['999999', 'not found'],
    ] as const) {
      const res = await h.submit(form, { original: value });
      expect(res.text, value).toContain('response_action');
      expect(res.text, value).toContain(message);
    }
    expect((await h.deps.items.require(TEAM, id)).status).toBe('open');
    const done = await h.submit(form, { original: `debt-${original}` });
    expect(done.status).toBe(200);
    expect(done.text).toBe('');
    expect((await h.deps.items.require(TEAM, id)).status).toBe('wont_fix');
    const history = await h.deps.items.history(TEAM, id);
    expect(history.at(-1)).toMatchObject({ kind: 'status_changed', note: `duplicate of DEBT-${original}` });
    expect(celebrations((await cardOf(id)).ts)).toHaveLength(0);
  });

  it('refuses status changes, edit and duplicate to others, privately, saying who may', async () => {
    const id = await h.file({ title: 'Shadow copy of the ranking config' });
    for (const choice of ['resolve', 'wontfix', 'edit', 'duplicate']) {
      const { answer } = await pick(choice, id, { userId: 'U0MALLORY' });
      const reply = await answer();
      expect(reply, choice).toMatchObject({ response_type: 'ephemeral', replace_original: false });
      expect(json(reply), choice).toContain("Only the item's reporter, its owner");
    }
    expect((await h.deps.items.require(TEAM, id)).status).toBe('open');
    expect(celebrations((await cardOf(id)).ts)).toHaveLength(0);
  });

  it('overflow edit opens the edit modal; details answers privately with the item', async () => {
    const id = await h.file({ title: 'Eval set leaks into training' });
    const opens = h.fake.callsTo('views.open').length;
    await pick('edit', id);
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    expect(json(h.openedView())).toContain('Eval set leaks into training');
    const details = await (await pick('details', id, { userId: 'U0SOMEONE' })).answer();
    expect(details).toMatchObject({ response_type: 'ephemeral' });
    expect(json(details)).toContain(`DEBT-${id}`);
  });

  it('answers a menu value it never wrote as not found, at once', async () => {
    const responseUrl = h.fake.issueResponseUrl();
    const body = blockActionBody({ actionId: 'x', value: 'x', responseUrl });
    const payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '{}');
    payload.actions = [
      {
        type: 'overflow',
        action_id: 'debt_card_more',
        block_id: 'debt_card_actions',
        selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'explode:1' },
        action_ts: '1.1',
      },
    ];
    const res = await postToApp(
      h.events,
      SIGNING_SECRET,
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
    );
    expect(res.status).toBe(200);
    expect(json(await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]))).toMatch(/not found|couldn/i);
  });

  it("Start and Reopen, the main buttons, move the item; an old card's Edit, Resolve and It bit me still route", async () => {
    const id = await h.file({ title: 'Serving cache never invalidated' });
    await h.click('debt_card_start', String(id));
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).status === 'in_progress');
    // The buttons a card posted before this version carried, in its block.
    const opens = h.fake.callsTo('views.open').length;
    await h.click('debt_card_edit', String(id), { blockId: 'debt_card_actions' });
    await h.click('debt_card_pain', String(id), { blockId: 'debt_card_actions' });
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length >= opens + 2);
    const ids = h.fake
      .callsTo('views.open')
      .slice(opens)
      .map((c) => (c.args.view as { callback_id: string }).callback_id);
    expect(ids.sort()).toEqual(['debt_edit', 'debt_pain']);
    await h.click('debt_card_resolve', String(id), { blockId: 'debt_card_actions' });
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).status === 'resolved');
    await h.click('debt_card_reopen', String(id));
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).status === 'open');
  });

  it('does not celebrate under an orphaned card, nor in the channel instead', async () => {
    const id = await h.file({ title: 'Model-to-model dependency, again', severity: '3', frequency: '3' });
    const { ts } = await cardOf(id);
    h.fake.deleteMessage('C0TEAM', ts);
    await h.command(`start ${id}`);
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).card?.orphaned, 8000);
    const posts = h.fake.callsTo('chat.postMessage').length;
    await (await pick('resolve', id)).answer();
    expect((await h.deps.items.require(TEAM, id)).status).toBe('resolved');
    expect(h.fake.callsTo('chat.postMessage').slice(posts)).toEqual([]);
  });

  it('a Slack failure while celebrating is logged and the resolve still stands', async () => {
    const id = await h.file({ title: 'Hand-edited thresholds in prod', severity: '3', frequency: '3' });
    const { ts } = await cardOf(id);
    h.fake.failNext('chat.postMessage', { error: 'channel_not_found' }, 1, (args) => args.thread_ts === ts);
    const reply = await (await pick('resolve', id)).answer();
    expect(json(reply)).toContain('is resolved');
    expect((await h.deps.items.require(TEAM, id)).status).toBe('resolved');
    await h.fake.waitFor(() => h.log.some((line) => line.includes('resolution not celebrated')));
    expect(celebrations(ts)).toHaveLength(0);
  });
});
