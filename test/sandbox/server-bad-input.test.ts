// What the page API answers to requests it cannot carry out: Slack's refusal (`ok: false` with Slack's code or
// a sentence) for what a person may not do, HTTP 400/404/413 for requests no page would send, and never a
// crash: after each, the same server carries on with a valid request.
import { afterEach, describe, expect, it } from 'vitest';
import { ANA, BEN, CHANNELS, cardsIn, useSandbox } from './server-harness.ts';

const sandbox = useSandbox('server-bad-input');

/** The server is still answering, and the app behind it too. */
afterEach(async () => {
  const answer = await sandbox().ask('command', { user: BEN, channel: CHANNELS.general, text: '/debt help' });
  expect(answer).toEqual({ ok: true });
});

const help = { user: ANA, channel: CHANNELS.mlPlatform, text: '/debt help' };

describe('refusals Slack would give', () => {
  it('refuses a command the app does not have, as Slack words it', async () => {
    const answer = await sandbox().ask('command', { ...help, text: '/foo bar' });
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/^\/foo is not a valid command/);
  });

  it('refuses a channel the person cannot see, in commands, clicks and digests alike', async () => {
    const research = await sandbox().state(ANA);
    const [card] = cardsIn(research, CHANNELS.research);
    const notFound = { ok: false, error: 'channel_not_found' };
    expect(await sandbox().ask('command', { ...help, user: BEN, channel: CHANNELS.research })).toEqual(
      notFound,
    );
    expect(
      await sandbox().ask('action', {
        user: BEN,
        source: { kind: 'message', channel: CHANNELS.research, ts: card?.ts, ephemeral: false },
        action: { type: 'button', action_id: 'debt_card_pain', block_id: 'debt_card_actions', value: '1' },
      }),
    ).toEqual(notFound);
    expect(await sandbox().ask('digest', { user: BEN, channel: CHANNELS.research })).toEqual(notFound);
    expect(await sandbox().ask('command', { ...help, channel: 'C0NOWHERE' })).toEqual(notFound);
  });

  it('refuses a message or command past Slack’s 40,000 characters with msg_too_long, and posts one at it', async () => {
    const tooLong = { ok: false, error: 'msg_too_long' };
    expect(await sandbox().ask('command', { ...help, text: 'x'.repeat(40_001) })).toEqual(tooLong);
    expect(await sandbox().ask('command', { ...help, text: `/debt ${'x'.repeat(40_000)}` })).toEqual(tooLong);
    expect(await sandbox().ask('command', { ...help, text: 'x'.repeat(40_000) })).toEqual({ ok: true });
  });

  it('refuses someone who is not in the workspace, the app’s bot user included', async () => {
    for (const user of ['U0NOBODY', 'UBOT'])
      expect(await sandbox().ask('command', { ...help, user })).toEqual({
        ok: false,
        error: 'user_not_found',
      });
    expect(await sandbox().ask('home', { user: 'U0NOBODY' })).toEqual({ ok: false, error: 'user_not_found' });
  });

  it('refuses a view or message that is not (or no longer) there', async () => {
    expect(await sandbox().ask('submit', { user: ANA, viewId: 'V9999', values: {} })).toEqual({
      ok: false,
      error: 'view_not_found',
    });
    expect(await sandbox().ask('close', { user: ANA, viewId: 'V9999' })).toEqual({
      ok: false,
      error: 'view_not_found',
    });
    expect(
      await sandbox().ask('action', {
        user: ANA,
        source: { kind: 'message', channel: CHANNELS.mlPlatform, ts: '1.000000', ephemeral: false },
        action: { type: 'button', action_id: 'debt_card_pain', block_id: 'debt_card_actions', value: '1' },
      }),
    ).toEqual({ ok: false, error: 'message_not_found' });
    expect(await sandbox().ask('command', { ...help, text: '   ' })).toEqual({ ok: false, error: 'no_text' });
  });
});

describe('requests no page would send', () => {
  it('answers 400 for a body that is not JSON, or empty', async () => {
    for (const body of ['{"user": "U0ANA",', ''])
      expect(await sandbox().post('/sandbox/command', body)).toEqual({
        status: 400,
        body: { ok: false, error: expect.stringMatching(/not JSON/) },
      });
  });

  it('answers 400 naming the field for JSON of the wrong shape', async () => {
    const missing = await sandbox().post('/sandbox/command', { user: ANA, text: '/debt help' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatch(/^bad request: channel: /);
    const wrongSource = await sandbox().post('/sandbox/action', {
      user: ANA,
      source: { kind: 'elsewhere' },
      action: {},
    });
    expect(wrongSource.status).toBe(400);
    expect(wrongSource.body.error).toMatch(/^bad request: source\.kind: /);
    const notAnObject = await sandbox().post('/sandbox/reset', '[true]');
    expect(notAnObject.status).toBe(400);
  });

  it('answers 413 for a body past a megabyte', async () => {
    const huge = await sandbox().post('/sandbox/command', { ...help, text: 'x'.repeat(1_100_000) });
    expect(huge).toEqual({ status: 413, body: { ok: false, error: 'request too large' } });
  });

  it('answers 400 for a long poll on something that is not a version, instead of hanging', async () => {
    const res = await fetch(`${sandbox().url}/sandbox/state?user=${ANA}&after=soon`, {
      signal: AbortSignal.timeout(5000),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/after/);
  });

  it('answers 404 for routes and methods it does not serve, and for files it does not have', async () => {
    expect((await sandbox().get('/nope')).status).toBe(404);
    expect((await sandbox().post('/sandbox/nope', {})).status).toBe(404);
    expect((await sandbox().post('/sandbox/state', {})).status).toBe(404);
    expect((await fetch(`${sandbox().url}/sandbox/command`, { method: 'DELETE' })).status).toBe(404);
    for (const path of ['/sandbox/files/F404', '/sandbox/files/%E0%A4%A']) {
      const file = await sandbox().get(path);
      expect([file.status, JSON.parse(file.body.toString())]).toEqual([
        404,
        { ok: false, error: 'file_not_found' },
      ]);
    }
  });
});
