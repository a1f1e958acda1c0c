// SPEC §3.2 stale surfaces and §3.1 lifecycle: ids the app does not know are answered at once; losing access
// to the workspace (uninstall, revoked token, or Slack refusing the token on a request) pauses posting and
// shows in /readyz, with every item kept.
import { afterEach, describe, expect, it } from 'vitest';
import { eventCallbackBody, interactionBody, postToApp, suggestionBody } from '../../src/sandbox/sign.ts';
import { SIGNING_SECRET, TEAM, useHarness } from '../support/harness.ts';

const json = (v: unknown) => JSON.stringify(v);

describe('stale and unknown surfaces', () => {
  const h = useHarness();

  it('answers a button from an older version at once, privately, and changes nothing', async () => {
    const started = Date.now();
    const { response, responseUrl } = await h.click('debt_card_archive', '1');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500); // a timing guard for the 3 s deadline, not a benchmark
    const reply = await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]);
    expect(reply).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(json(reply)).toContain('older version of Debt Triage');
  });

  it('replaces a submitted form the app does not know with an explanation', async () => {
    const res = await h.submit(
      { id: 'V0OLDFORM', callback_id: 'debt_triage_wizard', private_metadata: '', blocks: [] },
      {},
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_action: 'update', view: { type: 'modal' } });
    expect(json(res.json)).toContain('older version of Debt Triage');
  });

  it('acknowledges an unknown shortcut and tells the person through its response_url', async () => {
    const responseUrl = h.fake.issueResponseUrl();
    // Shape: message_action payload, https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload
    const res = await postToApp(
      h.events,
      SIGNING_SECRET,
      interactionBody({
        type: 'message_action',
        callback_id: 'debt_removed_shortcut',
        trigger_id: h.fake.issueTriggerId(),
        team: { id: TEAM, domain: 'fake' },
        user: { id: 'U0ALICE', username: 'alice', team_id: TEAM },
        channel: { id: 'C0TEAM', name: 'team' },
        message: { type: 'message', ts: '1.000002', text: 'hi', user: 'U0BOB' },
        response_url: responseUrl,
        action_ts: '1.3',
        token: 'legacy',
      }),
    );
    expect(res.status).toBe(200);
    expect(json(await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]))).toContain('This shortcut');
  });

  it('offers no suggestions for a select it does not know', async () => {
    const res = await postToApp(h.events, SIGNING_SECRET, suggestionBody('debt_old_select', 'ber', TEAM));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ options: [] });
  });
});

describe('losing access to the workspace', () => {
  const h = useHarness();
  afterEach(async () => h.deps.digests.resume());

  const readyz = async () => {
    const res = await fetch(h.events.replace('/slack/events', '/readyz'));
    return { status: res.status, body: await res.text() };
  };

  /** An Events API delivery; shapes from https://docs.slack.dev/reference/events/app_uninstalled and …/tokens_revoked. */
  const deliver = (event: Record<string, unknown>, headers: Record<string, string> = {}) =>
    postToApp(h.events, SIGNING_SECRET, eventCallbackBody(event, TEAM), 'application/json', headers);

  it('pauses posting on app_uninstalled and says so in /readyz; items are kept', async () => {
    const id = await h.file({ title: 'Kept across a reinstall' });
    expect((await readyz()).status).toBe(200);
    const res = await deliver({ type: 'app_uninstalled' });
    expect(res.status).toBe(200);
    await h.fake.waitFor(async () => (await readyz()).status === 503);
    expect((await readyz()).body).toContain('app_uninstalled');
    expect(await h.deps.items.get(TEAM, id)).not.toBeNull();
  });

  it('pauses posting on tokens_revoked, also when Slack delivers it again (X-Slack-Retry-Num)', async () => {
    const event = { type: 'tokens_revoked', tokens: { oauth: [], bot: ['U0BOT'] } };
    await deliver(event);
    await deliver(event, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await h.fake.waitFor(async () => (await readyz()).body.includes('tokens_revoked'));
    expect((await readyz()).status).toBe(503);
  });

  it('pauses posting when Slack answers token_revoked to a request, and tells the person', async () => {
    h.fake.failNext('views.open', { error: 'token_revoked' });
    const { reply } = await h.command('');
    expect(json(await reply())).toContain('token_revoked');
    await h.fake.waitFor(async () => (await readyz()).status === 503);
    expect((await readyz()).body).toContain('token_revoked');
  });
});
