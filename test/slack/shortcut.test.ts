// The *File as debt* message shortcut through the real receiver: the modal opens prefilled with the message
// as a person reads it (SPEC §3.2), names looked up once and cached, inside the 3-second window.
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { CALLBACK, FIELD } from '../../blocks/ids.ts';
import { MAX_NAME_LOOKUPS, USER_NAME_TTL_SECONDS } from '../../src/features/readable-message.ts';
import { interactionBody, postToApp } from '../../src/sandbox/sign.ts';
import { type OpenedView, SIGNING_SECRET, TEAM, useHarness } from '../support/harness.ts';

const CHANNEL = 'C0TEAM';

/**
 * A message shortcut's payload in the shape of Slack's documented example ("A payload received when a
 * message shortcut is used in a message context menu"), with the fake's ids and a message of our own:
 * https://api.slack.com/reference/interaction-payloads/shortcuts
 * (also https://docs.slack.dev/reference/interaction-payloads/shortcuts-interaction-payload). The documented
 * sample is:
 *   { "token": "Nj2rfC2hU8mAfgaJLemZgO7H", "callback_id": "chirp_message", "type": "message_action",
 *     "trigger_id": "13345224609.8534564800.6f8ab1f53e13d0cd15f96106292d5536",
 *     "response_url": "https://hooks.slack.com/app-actions/T0MJR11A4/21974584944/yk1S9ndf35Q1flupVG5JbpM6",
 *     "team": { "id": "T0MJRM1A7", "domain": "pandamonium" }, "channel": { "id": "D0LFFBKLZ", "name": "cats" },
 *     "user": { "id": "U0D15K92L", "name": "dr_maomao" },
 *     "message": { "type": "message", "user": "U0MJRG1AL", "ts": "1516229207.000133",
 *                  "text": "World's smallest big cat! <https://youtube.com/watch?v=W86cTIoMv2U>" } }
 * `message.text` is mrkdwn exactly as Slack stores it: mentions, channels and links as `<…>` tokens, and
 * `&`, `<`, `>` typed by people as `&amp;`, `&lt;`, `&gt;`.
 */
function messageShortcut(o: { triggerId: string; responseUrl: string; ts: string; text: string }) {
  return {
    token: 'Nj2rfC2hU8mAfgaJLemZgO7H',
    callback_id: CALLBACK.fileShortcut,
    type: 'message_action',
    trigger_id: o.triggerId,
    response_url: o.responseUrl,
    team: { id: TEAM, domain: 'fake' },
    channel: { id: CHANNEL, name: 'team' },
    user: { id: 'U0ALICE', name: 'alice' },
    message: { type: 'message', user: 'U0BOB', ts: o.ts, text: o.text },
  };
}

describe('File as debt: the message as a person reads it', () => {
  const h = useHarness();

  /** Posts `text` as a message, runs the shortcut on it, and resolves with the modal it opened. */
  async function fileFromMessage(
    text: string,
  ): Promise<{ view: OpenedView; sentAt: number; openedAt: number }> {
    // The message exists in the fake (for its permalink); its text reaches the app in the payload only, since
    // the fake checks every chat.postMessage as if the app had sent it.
    const poster = new webApi.WebClient('xoxb-test', { slackApiUrl: h.fake.url });
    const original = await poster.chat.postMessage({ channel: CHANNEL, text: 'a message from Bob' });
    const opens = h.fake.callsTo('views.open').length;
    const sentAt = Date.now();
    const res = await postToApp(
      h.events,
      SIGNING_SECRET,
      interactionBody(
        messageShortcut({
          triggerId: h.fake.issueTriggerId(),
          responseUrl: h.fake.issueResponseUrl(),
          ts: original.ts ?? '',
          text,
        }),
      ),
    );
    expect(res.status).toBe(200);
    const call = await h.fake.waitFor(() => h.fake.callsTo('views.open')[opens]);
    return { view: h.openedView(opens), sentAt, openedAt: call.at };
  }

  function initial(view: OpenedView, field: string): string | undefined {
    const block = view.blocks.find((b) => b.block_id === field);
    return (block?.element as { initial_value?: string } | undefined)?.initial_value;
  }

  function namesAsked(since: number): string[] {
    return h.fake.calls
      .slice(since)
      .filter((c) => c.method === 'users.info')
      .map((c) => String(c.args.user));
  }

  it('prefills title and description as read, asking users.info once per person', async () => {
    h.fake.setUser('U0BOB', { name: 'bob' });
    // Chose no display name: Slack shows the full name. A W… id, as in an Enterprise Grid org.
    h.fake.setUser('W0CAROL', { real_name: 'Carol Chen' });
    const mark = h.fake.calls.length;
    const { view } = await fileFromMessage(
      '<@U0BOB> the nightly <https://airflow.example/dags/backfill|backfill DAG> failed &amp; <@W0CAROL> says <!here> should know\n' +
        'cc <@U0BOB|bob> in <#C0MLINFRA|ml-infra> and <!subteam^S0MLTEAM|@ml-team>, since <!date^1392734382^{date_short}|Feb 18, 2014>\n' +
        'Logs: <https://logs.example/run?id=7&amp;tail=1>, mail <mailto:oncall@ml.example|oncall@ml.example>, ' +
        'and type &lt;@U0BOB&gt; to ping',
    );
    expect(view.callback_id).toBe(CALLBACK.fileModal);
    expect(initial(view, FIELD.title)).toBe(
      '@bob the nightly backfill DAG (https://airflow.example/dags/backfill) failed & @Carol Chen says @here should know',
    );
    expect(initial(view, FIELD.description)).toBe(
      '@bob the nightly backfill DAG (https://airflow.example/dags/backfill) failed & @Carol Chen says @here should know\n' +
        'cc @bob in #ml-infra and @ml-team, since Feb 18, 2014\n' +
        'Logs: https://logs.example/run?id=7&tail=1, mail oncall@ml.example, and type <@U0BOB> to ping',
    );
    // The permalink lookup still runs alongside.
    expect(initial(view, FIELD.links)).toMatch(/^https:\/\/fake\.slack\.com\/archives\/C0TEAM\/p\d+$/);
    expect(namesAsked(mark).sort()).toEqual(['U0BOB', 'W0CAROL']);
    const ttl = await h.deps.redis.ttl(h.deps.keys.userName(TEAM, 'W0CAROL'));
    expect(ttl).toBeGreaterThan(USER_NAME_TTL_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(USER_NAME_TTL_SECONDS);
  });

  it('uses the cached names the next time, without asking Slack again', async () => {
    h.fake.setUser('U0DAN', { name: 'dan' });
    await fileFromMessage('<@U0DAN> broke the feature store');
    const mark = h.fake.calls.length;
    // Renamed since: the cache keeps the name for a day, so the next modal still says `dan`.
    h.fake.setUser('U0DAN', { name: 'daniel' });
    const { view } = await fileFromMessage('Again <@U0DAN>, and <@U0DAN|dan>');
    expect(initial(view, FIELD.title)).toBe('Again @dan, and @dan');
    expect(namesAsked(mark)).toEqual([]);
  });

  it('falls back to the label, else the id, when users.info fails', async () => {
    h.fake.setUser('U0FRAN', { name: 'fran' });
    const gone = (args: Record<string, unknown>) => args.user === 'U0GONE' || args.user === 'U0GHOST';
    h.fake.failNext('users.info', { error: 'user_not_found' }, 2, gone);
    const mark = h.fake.calls.length;
    const { view } = await fileFromMessage('<@U0GONE|gina> and <@U0GHOST> left <@U0FRAN> the pipeline');
    expect(initial(view, FIELD.title)).toBe('@gina and @U0GHOST left @fran the pipeline');
    expect(namesAsked(mark).sort()).toEqual(['U0FRAN', 'U0GHOST', 'U0GONE']);
    // Failures are not cached: the next message asks again.
    expect(await h.deps.redis.get(h.deps.keys.userName(TEAM, 'U0GONE'))).toBeNull();
    expect(h.log.some((line) => line.includes('users.info failed'))).toBe(true);
  });

  it('opens the modal in time when users.info is slow, and caches the late answer', async () => {
    h.fake.setUser('U0SLOW', { name: 'slowpoke' });
    const held = h.fake.hold('users.info');
    const { view, sentAt, openedAt } = await fileFromMessage('<@U0SLOW|slow> owns the flaky eval job');
    expect(initial(view, FIELD.title)).toBe('@slow owns the flaky eval job');
    // Well inside the trigger's 3 s (the fake would also record a violation for an expired trigger).
    expect(openedAt - sentAt).toBeLessThan(2000);
    held.release();
    const key = h.deps.keys.userName(TEAM, 'U0SLOW');
    expect(await h.fake.waitFor(() => h.deps.redis.get(key))).toBe('slowpoke');
  });

  it('asks for at most 20 names per message; the rest read as their ids', async () => {
    const ids = Array.from({ length: MAX_NAME_LOOKUPS + 5 }, (_, i) => `U0MANY${String(i).padStart(2, '0')}`);
    for (const id of ids) h.fake.setUser(id, { name: id.toLowerCase() });
    const mark = h.fake.calls.length;
    const { view } = await fileFromMessage(ids.map((id) => `<@${id}>`).join(' '));
    expect(namesAsked(mark)).toHaveLength(MAX_NAME_LOOKUPS);
    const description = initial(view, FIELD.description) ?? '';
    expect(description).toContain('@u0many00 ');
    expect(description).toContain(`@u0many${MAX_NAME_LOOKUPS - 1} `);
    expect(description).toContain(`@U0MANY${MAX_NAME_LOOKUPS + 4}`);
  });

  it('asks nothing for a message without mentions', async () => {
    const mark = h.fake.calls.length;
    const { view } = await fileFromMessage(
      "World's smallest big cat! <https://youtube.com/watch?v=W86cTIoMv2U>",
    );
    expect(initial(view, FIELD.title)).toBe(
      "World's smallest big cat! https://youtube.com/watch?v=W86cTIoMv2U",
    );
    expect(namesAsked(mark)).toEqual([]);
  });

  it('files what was prefilled as inert text: the card pings nobody', async () => {
    h.fake.setUser('U0BOB', { name: 'bob' });
    // A literal `<@U0BOB>` (typed escaped) must reach the card escaped again.
    h.fake.taint('<@U0BOB>', '<!channel>');
    const { view } = await fileFromMessage(
      '<!channel> eval set leaks into training, <@U0BOB> &amp; co: try &lt;@U0BOB&gt; or &lt;!channel&gt;',
    );
    const title = initial(view, FIELD.title) ?? '';
    expect(title).toBe('@channel eval set leaks into training, @bob & co: try <@U0BOB> or <!channel>');
    const mark = h.fake.calls.length;
    const res = await h.submit(view, {
      title,
      category: 'data',
      description: initial(view, FIELD.description) ?? null,
      links: initial(view, FIELD.links) ?? null,
      channel: CHANNEL,
    });
    expect(res.status).toBe(200);
    const card = await h.fake.waitFor(() =>
      h.fake.calls.slice(mark).find((c) => c.method === 'chat.postMessage' && !c.args.thread_ts),
    );
    const posted = JSON.stringify([card.args.text, card.args.blocks]);
    expect(posted).toContain('@channel eval set leaks into training, @bob &amp; co: try &lt;@U0BOB&gt;');
    expect(posted).not.toContain('<!');
    expect(posted).not.toContain('<@U0BOB>');
  });
});
