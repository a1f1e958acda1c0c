import { describe, expect, it } from 'vitest';
import { TEAM, useHarness } from '../support/harness.ts';

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
    const { interactionBody, postToApp } = await import('../support/sign.ts');
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
