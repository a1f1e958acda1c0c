import { describe, expect, it } from 'vitest';
import { levelText } from '../../blocks/format.ts';
import type { FakeCall } from '../../src/sandbox/fake-slack.ts';
import { TEAM, useHarness } from '../support/harness.ts';

const json = (v: unknown) => JSON.stringify(v);

describe('voting in the thread', () => {
  const h = useHarness();

  async function vote(
    id: number,
    dimension: string,
    level: number,
    userId: string,
    actionTs = `${Date.now()}.${Math.random()}`,
  ) {
    const { response, responseUrl } = await h.click(`debt_vote:${dimension}:${level}`, String(id), {
      userId,
      blockId: `debt_vote_${dimension}`,
      actionTs,
    });
    expect(response.status).toBe(200);
    return h.fake.waitFor(() => h.fake.responses(responseUrl)[0]);
  }

  const panelUpdates = (panelTs: string | null | undefined) =>
    h.fake.callsTo('chat.update').filter((c: FakeCall) => c.args.ts === panelTs);

  it('posts the vote panel as the first thread reply when an item is filed', async () => {
    const id = await h.file({ title: 'Training/serving skew in tokenizer', severity: '3', frequency: '4' });
    const item = await h.deps.items.require(TEAM, id);
    const panel = await h.fake.waitFor(() =>
      h.fake.callsTo('chat.postMessage').find((c) => c.args.thread_ts === item.card?.ts),
    );
    const blocks = json(panel?.args.blocks);
    const labels = [levelText('severity', 1), levelText('severity', 5), levelText('frequency', 3)];
    for (const label of [
      ...labels,
      levelText('effort', 1),
      levelText('effort', 5),
      'My votes',
      'Close voting',
    ])
      expect(blocks).toContain(label);
    // Short enough for a phone: the long §1.3 anchors are in the My votes modal, not on the panel.
    expect(blocks).not.toContain('a week or more; outage');
    // One voter (the reporter's estimates) of the default quorum of 2: no per-option counts yet.
    expect(blocks).toContain('Severity 3, Moderate"');
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).panelTs);
  });

  it('counts votes from several users, confirms privately, and refreshes card and panel', async () => {
    const id = await h.file({ title: 'No drift alerts on ranking model' });
    const item = await h.deps.items.require(TEAM, id);
    const receipt = await vote(id, 'severity', 4, 'U0V1');
    expect(receipt).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(json(receipt)).toContain(`You voted severity ${levelText('severity', 4)}`);
    expect(json(receipt)).toContain('needs a frequency vote');
    await vote(id, 'frequency', 3, 'U0V1');
    await vote(id, 'severity', 2, 'U0V2');
    const last = await vote(id, 'frequency', 4, 'U0V2');
    // medians: severity (16 + 1) / 2 = 8.5 h; frequency (1 + 5) / 2 = 3 per week → 25.5 h/week
    expect(json(last)).toContain('26 h/week');

    const update = await h.fake.waitFor(
      () => panelUpdates(item.panelTs).find((c) => json(c.args.blocks).includes('2 voters')),
      8000,
    );
    // Two voters reach the default quorum of 2: per-option counts show, on the button and to screen readers.
    expect(json(update.args.blocks)).toContain(`${levelText('severity', 4)} · 1`);
    expect(json(update.args.blocks)).toContain('Severity 4, Major: 1 vote"');
    await h.fake.waitFor(
      () =>
        h.fake
          .callsTo('chat.update')
          .find((c) => c.args.ts === item.card?.ts && json(c.args.blocks).includes('26 h/week')),
      8000,
    );
  });

  it('replaces a vote with a new click and retracts it when the same choice is clicked again', async () => {
    const id = await h.file({ title: 'Magic numbers in feature scaling' });
    await vote(id, 'severity', 2, 'U0R1');
    await vote(id, 'severity', 5, 'U0R1');
    let votes = (await h.deps.votes.forItems(TEAM, [id])).get(id);
    expect(votes).toEqual([{ userId: 'U0R1', dimension: 'severity', level: 5 }]);
    await new Promise((r) => setTimeout(r, 1600)); // past the double-click guard
    const retracted = await vote(id, 'severity', 5, 'U0R1');
    expect(json(retracted)).toContain('took back');
    votes = (await h.deps.votes.forItems(TEAM, [id])).get(id);
    expect(votes).toEqual([]);
  });

  it('counts a double click or a re-sent delivery once', async () => {
    const id = await h.file({ title: 'Correction cascade in fraud models' });
    await vote(id, 'effort', 2, 'U0D1', '111.1');
    const resent = await vote(id, 'effort', 2, 'U0D1', '111.1');
    expect(json(resent)).toContain('already counted');
    const doubleClick = await vote(id, 'effort', 2, 'U0D1', '111.2');
    expect(json(doubleClick)).toContain('already counted');
    expect((await h.deps.votes.forItems(TEAM, [id])).get(id)).toEqual([
      { userId: 'U0D1', dimension: 'effort', level: 2 },
    ]);
  });

  it('refuses votes on closed voting and on a resolved item, keeping every vote; reopening restores voting', async () => {
    const id = await h.file({ title: 'Manual model rollback' });
    await vote(id, 'severity', 3, 'U0C1');
    const refused = await h.click('debt_voting_close', String(id), { userId: 'U0MALLORY' });
    expect(json(await h.fake.waitFor(() => h.fake.responses(refused.responseUrl)[0]))).toContain('Only');
    const closed = await h.click('debt_voting_close', String(id));
    expect(json(await h.fake.waitFor(() => h.fake.responses(closed.responseUrl)[0]))).toContain('closed');
    expect(json(await vote(id, 'severity', 1, 'U0C2'))).toContain('Voting on DEBT');
    const reopened = await h.click('debt_voting_reopen', String(id));
    await h.fake.waitFor(() => h.fake.responses(reopened.responseUrl)[0]);

    await h.command(`resolve ${id}`);
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).status === 'resolved');
    expect(json(await vote(id, 'severity', 1, 'U0C2'))).toContain('frozen');
    expect((await h.deps.votes.forItems(TEAM, [id])).get(id)).toHaveLength(1);
    await h.command(`reopen ${id}`);
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).status === 'open');
    expect(json(await vote(id, 'severity', 1, 'U0C2'))).toContain('You voted');
  });

  it('answers a vote on an item that does not exist without counting it; a guest from another organisation votes on the item shown', async () => {
    expect(json(await vote(424242, 'severity', 3, 'U0X1'))).toContain('no longer exists');
    const id = await h.file({ title: 'Hidden consumer of embeddings' });
    const { responseUrl } = await h.click(`debt_vote:severity:3`, String(id), {
      userId: 'U0X1',
      teamId: 'T0OTHER',
    });
    expect(json(await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]))).toContain('You voted');
    expect((await h.deps.votes.forItems(TEAM, [id])).get(id)).toEqual([
      { userId: 'U0X1', dimension: 'severity', level: 3 },
    ]);
    expect((await h.deps.votes.forItems('T0OTHER', [id])).get(id)).toEqual([]);
  });

  it('records pain with /debt hit and the It bit me modal; three reports from two people make interest measured', async () => {
    const id = await h.file({ title: 'Backfill needs a notebook', severity: '2', frequency: '2' });
    const first = await (await h.command(`hit DEBT-${id}`)).reply();
    expect(json(first)).toContain('cost you 1 h'); // own severity vote: level 2 = 1 h
    await (await h.command(`hit ${id} 6`, { userId: 'U0P2' })).reply();

    const opens = h.fake.callsTo('views.open').length;
    const item = await h.deps.items.require(TEAM, id);
    await h.fake.waitFor(
      () =>
        h.fake
          .callsTo('chat.update')
          .some((c) => c.args.ts === item.card?.ts && json(c.args.blocks).includes('It bit me (2)')),
      8000,
    );
    await h.click('debt_card_pain', String(id), { userId: 'U0P2' });
    await h.fake.waitFor(() => h.fake.callsTo('views.open').length > opens);
    const modal = h.openedView();
    const bad = await h.submit(modal, { hours: '500' }, { userId: 'U0P2' });
    expect(json(bad.json)).toContain('at most 168');
    const ok = await h.submit(modal, { hours: '5' }, { userId: 'U0P2' });
    expect(ok.text).toBe('');
    await h.submit(modal, { hours: '5' }, { userId: 'U0P2' }); // resubmitted: still one report

    const shown = json(await (await h.command(`show ${id}`)).reply());
    expect(shown).toContain('3 reports');
    // measured: (1 + 6 + 5) h over 28 days / 4 weeks = 3 h/week
    expect(shown).toContain('3 h/week (measured)');
    const closedHit = await (async () => {
      await h.command(`resolve ${id}`);
      await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).status === 'resolved');
      return json(await (await h.command(`hit ${id}`)).reply());
    })();
    expect(closedHit).toContain('closed');
  });
});
