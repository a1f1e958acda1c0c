import { describe, expect, it } from 'vitest';
import { ACTION, CALLBACK } from '../../blocks/ids.ts';
import { interactionIdentity, MEMBER } from '../../src/sandbox/payload-identities.ts';
import { eventCallbackBody, interactionBody, postToApp } from '../../src/sandbox/sign.ts';
import { SIGNING_SECRET, TEAM, useHarness } from '../support/harness.ts';

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

  /**
   * A click on the Home tab, as https://docs.slack.dev/reference/interaction-payloads/block_actions-payload shows
   * it from a view: `container.type: view`, the Home view with `app_installed_team_id`, no channel and no
   * response_url (so answers come back as a new Home).
   */
  const clickOnHome = async (userId: string, actionId: string, value: string) => {
    const before = h.fake.callsTo('views.publish').length;
    const res = await postToApp(
      h.events,
      SIGNING_SECRET,
      interactionBody({
        type: 'block_actions',
        ...interactionIdentity({ ...MEMBER, userId }),
        api_app_id: 'A0FAKE',
        token: 'legacy',
        container: { type: 'view', view_id: 'VHOME1' },
        trigger_id: h.fake.issueTriggerId(),
        view: { id: 'VHOME1', type: 'home', team_id: TEAM, app_installed_team_id: TEAM, callback_id: '' },
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: 'b',
            value,
            action_ts: `${Date.now() / 1000}`,
            text: { type: 'plain_text', text: 'x' },
          },
        ],
      }),
    );
    expect(res.status).toBe(200);
    return before;
  };
  const republished = async (userId: string, before: number) => {
    const call = await h.fake.waitFor(() =>
      h.fake
        .callsTo('views.publish')
        .slice(before)
        .find((c) => c.args.user_id === userId),
    );
    return JSON.stringify(call.args.view);
  };

  it('puts File debt first, and it opens the filing modal', async () => {
    const home = await open('U0HOMEFILE');
    const view = JSON.parse(home) as { blocks: { type: string; elements?: { action_id?: string }[] }[] };
    expect(view.blocks[1]?.elements?.[0]?.action_id).toBe(ACTION.homeFile);
    const opens = h.fake.callsTo('views.open').length;
    await clickOnHome('U0HOMEFILE', ACTION.homeFile, '');
    const call = await h.fake.waitFor(() => h.fake.callsTo('views.open')[opens]);
    expect(call.args.view).toMatchObject({ callback_id: CALLBACK.fileModal });
  });

  it('shows each item in one section only, its id linked to the card, with Vote and Assign me', async () => {
    const id = await h.file({ title: 'Once: orphaned feature flags', userId: 'U0HOMEONE' });
    const home = await open('U0HOMEONE');
    expect(home.split('Once: orphaned feature flags')).toHaveLength(2);
    expect(home).toMatch(new RegExp(`<https://fake\\.slack\\.com/archives/C0TEAM/p\\d+\\|DEBT-${id}>`));
    const other = await open('U0HOMEOTHER');
    expect(other.split('Once: orphaned feature flags')).toHaveLength(2);
    expect(other).toContain(`"action_id":"${ACTION.myVotes}","text":{"type":"plain_text","text":"Vote"`);
    // Assign me only where it applies (SPEC §1.6): its reporter may, a bystander may not.
    expect(home).toContain(ACTION.homeAssign);
    expect(other).not.toContain(ACTION.homeAssign);
  });

  it('Assign me assigns the viewer when the rules allow it, and says who may when not', async () => {
    const id = await h.file({ title: 'Assign: copy-pasted training loop', userId: 'U0HOMEREP' });
    const refused = await republished(
      'U0HOMESTRANGER',
      await clickOnHome('U0HOMESTRANGER', ACTION.homeAssign, String(id)),
    );
    expect(refused).toContain('Only');
    expect((await h.deps.items.get(TEAM, id))?.ownerId).toBeNull();

    const done = await republished(
      'U0HOMEREP',
      await clickOnHome('U0HOMEREP', ACTION.homeAssign, String(id)),
    );
    expect(done).toContain('You now own');
    expect((await h.deps.items.get(TEAM, id))?.ownerId).toBe('U0HOMEREP');
  });

  it('switches the weekly reminder on and off', async () => {
    expect(await open('U0HOMEREM')).toContain('Turn on weekly reminder');
    const on = await republished('U0HOMEREM', await clickOnHome('U0HOMEREM', ACTION.homeReminders, 'on'));
    expect(on).toContain('Turn off weekly reminder');
    expect(await h.deps.reminderPrefs.get(TEAM, 'U0HOMEREM')).not.toBeNull();
    const off = await republished('U0HOMEREM', await clickOnHome('U0HOMEREM', ACTION.homeReminders, 'off'));
    expect(off).toContain('Turn on weekly reminder');
    expect(await h.deps.reminderPrefs.get(TEAM, 'U0HOMEREM')).toBeNull();
  });

  it('answers *Vote* on Home for an item whose voting closed with a small modal, having no message to reply under', async () => {
    const id = await h.file({ title: 'Home vote: stale feature flags', userId: 'U0HOMEV1' });
    await h.deps.items.update(TEAM, id, (item) => ({ ...item, votingClosed: true }), null);
    const opens = h.fake.callsTo('views.open').length;
    await clickOnHome('U0HOMEV2', ACTION.myVotes, String(id));
    const call = await h.fake.waitFor(() => h.fake.callsTo('views.open')[opens]);
    expect(JSON.stringify(call.args.view)).toMatch(/[Vv]oting/);
    expect(JSON.stringify(call.args.view)).toContain('"type":"modal"');
  });

  it('answers a vote cast through *My votes* from Home with a new Home, having no message to reply under', async () => {
    const id = await h.file({ title: 'Home vote: hard-coded thresholds', userId: 'U0HOMEV3' });
    const opens = h.fake.callsTo('views.open').length;
    await clickOnHome('U0HOMEV4', ACTION.myVotes, String(id));
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const before = h.fake.callsTo('views.publish').length;
    const saved = await h.submit(
      h.openedView(),
      { severity: '3', frequency: '4', effort: 'none' },
      { userId: 'U0HOMEV4' },
    );
    expect(saved.status).toBe(200);
    const home = await republished('U0HOMEV4', before);
    expect(home).toContain(`On DEBT-${id} you voted severity`);
  });
});
