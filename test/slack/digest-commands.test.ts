import { describe, expect, it } from 'vitest';
import { digestSchedulerId } from '../../jobs/producers/digest-schedule.ts';
import { interactionBody, postToApp, suggestionBody } from '../../src/sandbox/sign.ts';
import { digestPosts } from '../support/digest-jobs.ts';
import { SIGNING_SECRET, TEAM, useHarness } from '../support/harness.ts';

const json = (v: unknown) => JSON.stringify(v);

describe('digest settings and commands', () => {
  const h = useHarness({
    setup: (hh) => {
      hh.fake.setUser('U0KOLKATA', { tz: 'Asia/Kolkata' });
      hh.fake.setUser('U0ADMIN', { is_admin: true });
    },
  });

  it("switches the digest on with the first item filed in a channel, in the filer's time zone", async () => {
    await h.file({ title: 'Eval data drifts from prod', channelId: 'C0FIRST', userId: 'U0KOLKATA' });
    const settings = await h.fake.waitFor(() => h.deps.settings.find(TEAM, 'C0FIRST'));
    expect(settings).toMatchObject({
      digestEnabled: true,
      timezone: 'Asia/Kolkata',
      weekday: 1,
      time: '09:00',
    });
    // The scheduler follows the settings a moment later, after the card was posted.
    expect(
      await h.fake.waitFor(() => h.deps.digestQueue.getJobScheduler(digestSchedulerId(TEAM, 'C0FIRST'))),
    ).toMatchObject({
      pattern: '0 9 * * 1',
      tz: 'Asia/Kolkata',
    });
  });

  it('configures a channel in the modal: inline error for a bad zone, first configurer becomes steward', async () => {
    const opens = h.fake.callsTo('views.open').length;
    await h.command('config', { channelId: 'C0CONF', userId: 'U0KOLKATA' });
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const view = h.openedView();
    expect(json(view)).toContain('"value":"Asia/Kolkata"');
    const state = {
      digest_enabled: { digest_enabled: { type: 'radio_buttons', selected_option: { value: 'on' } } },
      weekday: { weekday: { type: 'static_select', selected_option: { value: '5' } } },
      time: { time: { type: 'timepicker', selected_time: '16:45' } },
      timezone: { timezone: { type: 'external_select', selected_option: { value: 'Mars/Olympus' } } },
      top_n: { top_n: { type: 'static_select', selected_option: { value: '3' } } },
      capacity: { capacity: { type: 'plain_text_input', value: '120' } },
      budget_percent: { budget_percent: { type: 'plain_text_input', value: '25' } },
      quorum: { quorum: { type: 'static_select', selected_option: { value: '3' } } },
      stewards: { stewards: { type: 'multi_users_select', selected_users: [] } },
    };
    const submit = (values: typeof state, userId = 'U0KOLKATA') =>
      postToApp(
        h.events,
        SIGNING_SECRET,
        interactionBody({
          type: 'view_submission',
          team: { id: TEAM, domain: 'fake' },
          user: { id: userId, username: 'u', name: 'u', team_id: TEAM },
          api_app_id: 'A0FAKE',
          token: 'legacy',
          trigger_id: h.fake.issueTriggerId(),
          view: { ...view, team_id: TEAM, type: 'modal', hash: 'h', state: { values } },
        }),
      );
    const bad = await submit(state);
    expect(bad.json).toMatchObject({
      response_action: 'errors',
      errors: { timezone: expect.stringContaining('time zone') },
    });
    const good = await submit({
      ...state,
      timezone: { timezone: { type: 'external_select', selected_option: { value: 'America/St_Johns' } } },
    });
    expect(good.text).toBe('');
    const saved = await h.deps.settings.find(TEAM, 'C0CONF');
    expect(saved).toMatchObject({
      digestEnabled: true,
      weekday: 5,
      time: '16:45',
      timezone: 'America/St_Johns',
      topN: 3,
      capacityHours: 120,
      budgetPercent: 25,
      quorum: 3,
      stewards: ['U0KOLKATA'],
      lastConfiguredBy: 'U0KOLKATA',
    });
    expect(await h.deps.digestQueue.getJobScheduler(digestSchedulerId(TEAM, 'C0CONF'))).toMatchObject({
      pattern: '45 16 * * 5',
      tz: 'America/St_Johns',
    });

    // Now the channel has a steward: others are refused, admins are not.
    const refused = json(await (await h.command('config', { channelId: 'C0CONF', userId: 'U0BOB' })).reply());
    expect(refused).toContain('stewards (<@U0KOLKATA>)');
    const opensBefore = h.fake.callsTo('views.open').length;
    await h.command('config', { channelId: 'C0CONF', userId: 'U0ADMIN' });
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opensBefore);
  });

  it('searches time zones as the user types', async () => {
    const res = await postToApp(h.events, SIGNING_SECRET, suggestionBody('timezone', 'berl', TEAM));
    expect(res.status).toBe(200);
    const options = (res.json as { options: { value: string }[] }).options.map((o) => o.value);
    expect(options[0]).toBe('Europe/Berlin');
  });

  it('previews the digest privately; posting it needs a steward and does not use up the week', async () => {
    await h.file({ title: 'Manual feature backfill', channelId: 'C0PREV', severity: '4', frequency: '4' });
    const preview = await (await h.command('digest', { channelId: 'C0PREV' })).reply();
    expect(preview.response_type).toBe('ephemeral');
    expect(json(preview)).toContain('Manual feature backfill');
    // Says it is a private preview and how to share it, not that it was posted.
    expect(json(preview)).toContain('Preview, only you can see this');
    expect(json(preview)).toContain('`/debt digest post` shares it');
    expect(json(preview)).not.toContain('Posted on request');
    const shared = digestPosts(h.fake.messages('C0PREV'), 'debt_digest_manual');

    // The filer configured nothing, so the channel has no stewards yet: anyone may post.
    const posted = json(
      await (await h.command('digest post', { channelId: 'C0PREV', userId: 'U0BOB' })).reply(),
    );
    expect(posted).toContain('Posted');
    expect(shared).toHaveLength(0);
    const sharedNow = digestPosts(h.fake.messages('C0PREV'), 'debt_digest_manual');
    expect(sharedNow).toHaveLength(1);
    expect(JSON.stringify(sharedNow)).toContain('Posted on request');
    expect(digestPosts(h.fake.messages('C0PREV'))).toHaveLength(0);
  });

  it('answers config and digest in a DM with where to run them', async () => {
    const answer = json(await (await h.command('digest', { channelId: 'D0ALICE' })).reply());
    expect(answer).toContain('Run this in the channel');
  });
});
