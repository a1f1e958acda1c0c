import { describe, expect, it } from 'vitest';
import { SIGNING_SECRET, TEAM, useHarness } from '../support/harness.ts';
import { eventCallbackBody, postToApp } from '../support/sign.ts';

describe('App Home', () => {
  const h = useHarness({
    setup: (hh) => hh.fake.setChannel('GHOMEPRIV', { is_private: true, is_member: true }),
  });

  const open = async (userId: string, retry = false) => {
    const before = h.fake.callsTo('views.publish').length;
    const res = await postToApp(
      h.events,
      SIGNING_SECRET,
      eventCallbackBody(
        {
          type: 'app_home_opened',
          user: userId,
          channel: `D${userId}`,
          tab: 'home',
          event_ts: `${Date.now() / 1000}`,
        },
        TEAM,
      ),
      'application/json',
      retry ? { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } : {},
    );
    expect(res.status).toBe(200);
    const call = await h.fake.waitFor(() =>
      h.fake
        .callsTo('views.publish')
        .slice(before)
        .find((c) => c.args.user_id === userId),
    );
    return JSON.stringify(call.args.view);
  };

  it("shows the user's items, what awaits their vote, the top items and counts; private items only to their own", async () => {
    await h.file({ title: 'Mine: manual retrain', userId: 'U0HOME1', severity: '3', frequency: '4' });
    await h.file({ title: 'Someone else: stale labels', userId: 'U0HOME2', severity: '2', frequency: '2' });
    await h.file({ title: 'Secret: private registry hack', userId: 'U0HOME2', channelId: 'GHOMEPRIV' });

    const home1 = await open('U0HOME1');
    expect(home1).toContain('Mine: manual retrain');
    expect(home1).toContain('Awaiting your vote');
    expect(home1).toContain('Someone else: stale labels');
    expect(home1).not.toContain('Secret: private registry hack');
    expect(home1).toContain('Pipelines &amp; glue code: 2 open');

    const home2 = await open('U0HOME2', true);
    expect(home2).toContain('Secret: private registry hack');
  });

  it('shows the interest rate of public channels with a capacity, never a private channel’s', async () => {
    await h.file({
      title: 'Rate: hand-tuned thresholds',
      channelId: 'C0HOMERATE',
      severity: '3',
      frequency: '4',
    });
    await h.file({
      title: 'Rate: private model registry',
      channelId: 'GHOMEPRIV',
      severity: '3',
      frequency: '4',
    });
    for (const channelId of ['C0HOMERATE', 'GHOMEPRIV']) {
      const settings = await h.deps.settings.get(TEAM, channelId);
      await h.deps.settings.save(TEAM, channelId, { ...settings, capacityHours: 80 });
    }
    const home = await open('U0HOMERATE');
    // 4 h × 5/week = 20 h/week of an 80 h week.
    expect(home).toContain('<#C0HOMERATE>: 25% of 80 h/week');
    expect(home).not.toContain('<#GHOMEPRIV>:');
  });
});
