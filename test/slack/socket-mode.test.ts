// Socket Mode is the manifest's default transport: the same flows as over HTTP, acked over the WebSocket.
import { describe, expect, it } from 'vitest';
import { CONNECT_GUEST } from '../../src/sandbox/payload-identities.ts';
import { TEAM, useHarness } from '../support/harness.ts';

const json = (v: unknown) => JSON.stringify(v);

describe('Socket Mode', () => {
  const h = useHarness({ socketMode: true });

  it('asks SLACK_API_URL for the socket with the app-level token, and still serves health checks', async () => {
    expect(h.fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(h.fake.socket.accepted).toBe(1);
    const base = h.events.replace('/slack/events', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('files an item end to end: command, modal, submission, escaped card and vote panel', async () => {
    const title = 'Feature store <join> & drift';
    h.fake.taint(title);
    const id = await h.file({ title, severity: '3', frequency: '2' });
    const item = await h.deps.items.require(TEAM, id);
    expect(item.title).toBe(title);
    expect(item.card?.ts).toBeTruthy();
    expect(item.panelTs).toBeTruthy();
    const card = h.fake.messages('C0TEAM').find((m) => m.ts === item.card?.ts);
    expect(json(card?.blocks)).toContain('Feature store &lt;join&gt; &amp; drift');
  });

  it('files a Slack Connect guest’s item under the installing workspace, and answers an unknown button at once', async () => {
    const id = await h.file({ title: 'Shared-channel feed lag', as: CONNECT_GUEST });
    expect((await h.deps.items.require(TEAM, id)).reporterId).toBe(CONNECT_GUEST.userId);
    expect(await h.deps.items.listTeam('T0PARTNER')).toEqual([]);
    const { response, responseUrl } = await h.click('debt_card_archive', String(id), { as: CONNECT_GUEST });
    expect(response.status).toBe(200);
    expect(json(await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]))).toContain('older version');
  });

  it('returns inline field errors in the ack and files nothing', async () => {
    const before = (await h.deps.items.listTeam(TEAM)).length;
    const opens = h.fake.callsTo('views.open').length;
    await h.command('');
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const res = await h.submit(h.openedView(), { title: 'ab', category: null, channel: 'C0TEAM' });
    expect(res.json).toMatchObject({ response_action: 'errors', errors: { title: expect.any(String) } });
    expect(await h.deps.items.listTeam(TEAM)).toHaveLength(before);
  });

  it('counts a vote clicked in the thread and answers the voter privately', async () => {
    const id = await h.file({ title: 'Eval set leaks into training' });
    const { response, responseUrl } = await h.click('debt_vote:severity:4', String(id), {
      userId: 'U0SOCK',
      blockId: 'debt_vote_severity',
    });
    expect(response.status).toBe(200);
    const receipt = await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]);
    expect(json(receipt)).toContain('You voted severity 4');
    expect((await h.deps.votes.forItems(TEAM, [id])).get(id)).toContainEqual({
      userId: 'U0SOCK',
      dimension: 'severity',
      level: 4,
    });
  });

  it('reconnects with a fresh URL when Slack recycles the connection, and keeps answering', async () => {
    const granted = h.fake.socket.granted;
    h.fake.socket.requestReconnect();
    await h.fake.waitFor(() => h.fake.socket.accepted === 2 && h.fake.socket.granted === granted + 1, 10_000);
    await h.fake.socket.connected();
    const reply = await (await h.command('show 424242')).reply();
    expect(json(reply)).toContain('DEBT-424242 was not found');
  });

  it('answers a malformed command with usage, and publishes App Home on an Events API envelope', async () => {
    const reply = await (await h.command('show banana')).reply();
    expect(json(reply)).toContain('`banana` is not an item id.');
    const before = h.fake.callsTo('views.publish').length;
    const ack = await h.fake.socket.deliver('events_api', {
      token: 'legacy',
      team_id: TEAM,
      api_app_id: 'A0FAKE',
      type: 'event_callback',
      event_id: 'EvSOCKET1',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_home_opened', user: 'U0HOME', channel: 'DU0HOME', tab: 'home', event_ts: '1.0' },
    });
    expect(ack.status).toBe(200);
    await h.fake.waitFor(() =>
      h.fake
        .callsTo('views.publish')
        .slice(before)
        .some((c) => c.args.user_id === 'U0HOME'),
    );
  });
});
