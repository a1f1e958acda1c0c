import { describe, expect, it } from 'vitest';
import { FORM, signRequest, slashCommandBody } from '../../src/sandbox/sign.ts';
import { SIGNING_SECRET, startHarness, TEAM, useHarness } from '../support/harness.ts';

describe('requests Slack did not sign, and inputs nobody expected', () => {
  const h = useHarness();

  const body = () =>
    slashCommandBody({
      team_id: TEAM,
      channel_id: 'C0TEAM',
      user_id: 'U0ALICE',
      text: 'list',
      trigger_id: h.fake.issueTriggerId(),
      response_url: h.fake.issueResponseUrl(),
    });

  it('rejects a forged signature with 401', async () => {
    const payload = body();
    const headers = signRequest('not-the-secret', payload, undefined, FORM);
    const res = await fetch(h.events, { method: 'POST', headers: { ...headers }, body: payload });
    expect(res.status).toBe(401);
  });

  it('rejects a correctly signed request that is 6 minutes old with 401', async () => {
    const payload = body();
    const headers = signRequest(SIGNING_SECRET, payload, Math.floor(Date.now() / 1000) - 6 * 60, FORM);
    const res = await fetch(h.events, { method: 'POST', headers: { ...headers }, body: payload });
    expect(res.status).toBe(401);
  });

  it('answers health and readiness', async () => {
    const base = h.events.replace('/slack/events', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('never fails a request on garbage, unicode or 4,000 characters of text', async () => {
    for (const text of [
      '\u0000\u202e',
      'show 🙈🙈🙈',
      `list ${'x'.repeat(4000)}`,
      'assign',
      '<!channel> list',
      'resolve DEBT-0',
    ]) {
      const { response, reply } = await h.command(text);
      expect(response.status).toBe(200);
      if (!text.startsWith('<!channel>') && !text.startsWith('\u0000')) expect(await reply()).toBeTruthy();
    }
  });

  it('treats a button value it never wrote as not found', async () => {
    const { response, responseUrl } = await h.click('debt_card_resolve', 'DROP TABLE');
    expect(response.status).toBe(200);
    const answer = await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]);
    expect(JSON.stringify(answer)).toContain('was not found');
  });

  it('says when Slack rate-limits a command, instead of failing silently', async () => {
    h.fake.failNext('views.open', { status: 429, retryAfter: 7 });
    const { reply } = await h.command('Something slow');
    expect(JSON.stringify(await reply())).toContain('rate-limiting');
  });
});

describe('when Redis is down', () => {
  it('answers with a clear message and /readyz says 503', async () => {
    const h = await startHarness({ workers: false });
    try {
      // Cut the request connection as if Redis went away; the process must keep serving.
      h.deps.redis.disconnect(false);
      const { response, reply } = await h.command('list');
      expect(response.status).toBe(200);
      expect(JSON.stringify(await reply())).toContain('cannot reach its database');
      const base = h.events.replace('/slack/events', '');
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
    } finally {
      await h.deps.redis.connect().catch(() => undefined);
      await h.stop();
    }
  });
});
