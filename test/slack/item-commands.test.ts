import { describe, expect, it } from 'vitest';
import { useHarness } from '../support/harness.ts';

const text = (reply: Record<string, unknown>) => JSON.stringify(reply);

describe('item commands', () => {
  const h = useHarness({
    setup: (hh) => {
      hh.fake.setUser('U0ADMIN', { is_admin: true });
      hh.fake.setChannel('GPRIV', { is_private: true, is_member: true });
    },
  });

  it('lists this channel ranked, with unvoted items last, and shows help and usage', async () => {
    const low = await h.file({ title: 'Flaky offline eval job', severity: '2', frequency: '3' });
    const high = await h.file({
      title: 'Manual retrain every Friday',
      severity: '3',
      frequency: '4',
      effort: '2',
    });
    const none = await h.file({ title: 'Undocumented feature flags' });
    const { reply } = await h.command('list');
    const body = text(await reply());
    expect(body.indexOf(`DEBT-${high}`)).toBeLessThan(body.indexOf(`DEBT-${low}`));
    expect(body.indexOf(`DEBT-${low}`)).toBeLessThan(body.indexOf(`DEBT-${none}`));
    expect(body).toContain('needs votes');
    expect((await reply()).response_type).toBe('ephemeral');

    expect(text(await (await h.command('help')).reply())).toContain('/debt list');
    const usage = text(await (await h.command('show banana')).reply());
    expect(usage).toContain('`banana` is not an item id');
    expect(usage).toContain('/debt show DEBT-42');
  });

  it('shows an item with its history; to a Slack Connect guest too; an unknown id is not found', async () => {
    const id = await h.file({ title: 'Label noise in churn model' });
    const shown = text(await (await h.command(`show debt-${id}`)).reply());
    expect(shown).toContain('Label noise in churn model');
    expect(shown).toContain('History');
    expect(shown).toContain('filed');

    // A guest from a partner organisation in the shared channel reads the installing workspace's item (SPEC §3.2).
    const guest = text(await (await h.command(`show DEBT-${id}`, { teamId: 'T0OTHER' })).reply());
    expect(guest).toContain('Label noise in churn model');
    const missing = text(await (await h.command('show 99999')).reply());
    expect(missing).toContain('DEBT-99999 was not found');
  });

  it('assigns, starts, resolves and reopens, updating the card in place', async () => {
    const id = await h.file({ title: 'Hard-coded threshold 0.73' });
    const item = await h.deps.items.require('T0FAKE', id);
    const before = h.fake.callsTo('chat.update').length;

    expect(text(await (await h.command(`assign DEBT-${id} <@U0BOB|bob>`)).reply())).toContain(
      'now owned by <@U0BOB>',
    );
    expect(text(await (await h.command(`start ${id}`)).reply())).toContain('in progress');
    expect(text(await (await h.command(`resolve ${id} fixed in PR 7`)).reply())).toContain('resolved');
    const again = text(await (await h.command(`resolve ${id}`)).reply());
    expect(again).toContain('cannot be moved');

    const update = await h.fake.waitFor(
      () =>
        h.fake
          .callsTo('chat.update')
          .slice(before)
          .find((c) => JSON.stringify(c.args.blocks).includes('Resolved')),
      8000,
    );
    expect(update.args.ts).toBe(item.card?.ts);
    expect(text(await (await h.command(`reopen ${id} came back`)).reply())).toContain('open');
    const history = await h.deps.items.history('T0FAKE', id);
    expect(history.map((e) => e.kind)).toEqual([
      'filed',
      'assigned',
      'status_changed',
      'status_changed',
      'status_changed',
    ]);
    expect(history.at(-1)?.note).toBe('came back');
  });

  it('refuses a user who may not manage the item, and says who may', async () => {
    const id = await h.file({ title: 'Notebook-only feature pipeline' });
    const refused = text(await (await h.command(`resolve ${id}`, { userId: 'U0MALLORY' })).reply());
    expect(refused).toContain('Only');
    expect(refused).toContain('reporter');
    expect((await h.deps.items.require('T0FAKE', id)).status).toBe('open');
    const admin = text(
      await (await h.command(`wontfix ${id} duplicate of DEBT-1`, { userId: 'U0ADMIN' })).reply(),
    );
    expect(admin).toContain('won');
  });

  it('opens the edit modal prefilled and saves the edit', async () => {
    const id = await h.file({ title: 'Copy-pasted preprocessing' });
    const opens = h.fake.callsTo('views.open').length;
    await h.command(`edit ${id}`);
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const view = h.openedView();
    expect(JSON.stringify(view)).toContain('Copy-pasted preprocessing');
    const res = await h.submit(view, { title: 'Copy-pasted preprocessing in 3 repos', category: 'code' });
    expect(res.text).toBe('');
    const saved = await h.deps.items.require('T0FAKE', id);
    expect(saved).toMatchObject({ title: 'Copy-pasted preprocessing in 3 repos', category: 'code' });

    const opensBefore = h.fake.callsTo('views.open').length;
    const denied = text(await (await h.command(`edit ${id}`, { userId: 'U0MALLORY' })).reply());
    expect(denied).toContain('Only');
    expect(h.fake.callsTo('views.open')).toHaveLength(opensBefore);
  });

  it('keeps a private-channel item out of `list all` for others, but not for its reporter', async () => {
    const id = await h.file({ title: 'Secret model registry hack', channelId: 'GPRIV', userId: 'U0CAROL' });
    expect((await h.deps.items.require('T0FAKE', id)).channelVisibility).toBe('private');
    const other = text(await (await h.command('list all', { userId: 'U0BOB' })).reply());
    expect(other).not.toContain('Secret model registry hack');
    const mine = text(await (await h.command('list all', { userId: 'U0CAROL' })).reply());
    expect(mine).toContain('Secret model registry hack');
    const inChannel = text(await (await h.command('list', { userId: 'U0BOB', channelId: 'GPRIV' })).reply());
    expect(inChannel).toContain('Secret model registry hack');
    const showOther = text(await (await h.command(`show ${id}`, { userId: 'U0BOB' })).reply());
    expect(showOther).toContain('was not found');
  });

  it('pages long lists with Next/Previous buttons', async () => {
    for (let i = 0; i < 12; i++) await h.file({ title: `Paging item ${i}`, channelId: 'CPAGE' });
    const first = await (await h.command('list', { channelId: 'CPAGE' })).reply();
    const nav = JSON.stringify(first);
    expect(nav).toContain('Page 1 of 2');
    const next = /"value":"(2\|[^"]+)"/.exec(nav)?.[1];
    expect(next).toBeDefined();
    // The list is an ephemeral message: its click carries no `message`, as Slack sends it.
    const { responseUrl } = await h.click('debt_list_page:next', next ?? '', {
      channelId: 'CPAGE',
      ephemeral: true,
    });
    const second = await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]);
    expect(second.replace_original).toBe(true);
    expect(JSON.stringify(second)).toContain('Page 2 of 2');
  });
});
