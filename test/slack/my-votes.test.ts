// *My votes* through the real receiver: the modal opens with the person's votes pre-selected, a submission
// changes one and takes one back, the panel is refreshed, and closed voting is refused without a change.
import { describe, expect, it } from 'vitest';
import { levelText } from '../../blocks/format.ts';
import { ACTION, CALLBACK } from '../../blocks/ids.ts';
import type { FakeCall } from '../../src/sandbox/fake-slack.ts';
import { type OpenedView, TEAM, useHarness } from '../support/harness.ts';

const json = (v: unknown) => JSON.stringify(v);

/**
 * The driver fills `selected_option` for static selects only; a radio group sends the very same shape, so
 * the modal is submitted as if its radio groups were selects (the handler reads only the state).
 */

/** The value of each radio group's initial option, by block id. */
function preselected(view: OpenedView): Record<string, string | undefined> {
  return Object.fromEntries(
    view.blocks.flatMap((b) => {
      const element = b.element as { type?: string; initial_option?: { value: string } } | undefined;
      return b.block_id && element?.type === 'radio_buttons'
        ? [[b.block_id, element.initial_option?.value]]
        : [];
    }),
  );
}

describe('My votes', () => {
  const h = useHarness();

  async function openMyVotes(id: number, userId = 'U0ALICE') {
    const opens = h.fake.callsTo('views.open').length;
    const { response, responseUrl } = await h.click(ACTION.myVotes, String(id), { userId });
    expect(response.status).toBe(200);
    await h.fake.waitFor(
      () => h.fake.callsTo('views.open').length > opens || h.fake.responses(responseUrl).length > 0,
    );
    return { responseUrl, opened: h.fake.callsTo('views.open').length > opens };
  }

  const mine = async (id: number, userId: string) =>
    ((await h.deps.votes.forItems(TEAM, [id])).get(id) ?? [])
      .filter((v) => v.userId === userId)
      .sort((a, b) => a.dimension.localeCompare(b.dimension));

  it('opens with my votes pre-selected, changes one and takes one back, confirms and refreshes the panel', async () => {
    const id = await h.file({
      title: 'Tokenizer skew between train and serve',
      severity: '3',
      frequency: '4',
    });
    const item = await h.deps.items.require(TEAM, id);
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).panelTs);
    const panelTs = (await h.deps.items.require(TEAM, id)).panelTs;
    expect(
      json(
        h.fake
          .callsTo('chat.postMessage')
          .find((c) => c.args.ts === panelTs || c.args.thread_ts === item.card?.ts)?.args.blocks,
      ),
    ).toContain(ACTION.myVotes);

    const { responseUrl, opened } = await openMyVotes(id);
    expect(opened).toBe(true);
    const view = h.openedView();
    expect(view.callback_id).toBe(CALLBACK.myVotesModal);
    expect(preselected(view)).toEqual({ severity: '3', frequency: '4', effort: 'none' });

    const updatesBefore = h.fake.callsTo('chat.update').filter((c: FakeCall) => c.args.ts === panelTs).length;
    const saved = await h.submit(view, { severity: '5', frequency: 'none', effort: 'none' });
    expect(saved.status).toBe(200);
    expect(saved.text).toBe(''); // the modal closes
    expect(await mine(id, 'U0ALICE')).toEqual([{ userId: 'U0ALICE', dimension: 'severity', level: 5 }]);

    const receipt = json(await h.fake.waitFor(() => h.fake.responses(responseUrl)[0]));
    expect(receipt).toContain('ephemeral');
    expect(receipt).toContain(`voted severity ${levelText('severity', 5)}`);
    expect(receipt).toContain('took back your frequency vote');
    await h.fake.waitFor(
      () =>
        h.fake.callsTo('chat.update').filter((c: FakeCall) => c.args.ts === panelTs).length > updatesBefore,
      8000,
    );

    // Submitted again (a retried delivery, a double tap on Save): nothing more changes.
    const again = await h.submit(view, { severity: '5', frequency: 'none', effort: 'none' });
    expect(again.text).toBe('');
    expect(await mine(id, 'U0ALICE')).toEqual([{ userId: 'U0ALICE', dimension: 'severity', level: 5 }]);

    // Reopened, it shows the new state; another person starts from nothing.
    await openMyVotes(id);
    expect(preselected(h.openedView())).toEqual({ severity: '5', frequency: 'none', effort: 'none' });
    await openMyVotes(id, 'U0BOB');
    expect(preselected(h.openedView())).toEqual({ severity: 'none', frequency: 'none', effort: 'none' });
    const bob = await h.submit(
      h.openedView(),
      { severity: '2', frequency: '3', effort: '4' },
      {
        userId: 'U0BOB',
      },
    );
    expect(bob.text).toBe('');
    expect(await mine(id, 'U0BOB')).toEqual([
      { userId: 'U0BOB', dimension: 'effort', level: 4 },
      { userId: 'U0BOB', dimension: 'frequency', level: 3 },
      { userId: 'U0BOB', dimension: 'severity', level: 2 },
    ]);
  });

  it('says voting is closed instead of opening, and refuses a submission that arrives after it closed', async () => {
    const id = await h.file({ title: 'Manual feature backfill', severity: '2', frequency: '2' });
    const { opened } = await openMyVotes(id);
    expect(opened).toBe(true);
    const view = h.openedView();

    const closed = await h.click(ACTION.closeVoting, String(id));
    await h.fake.waitFor(() => h.fake.responses(closed.responseUrl)[0]);
    const late = await h.submit(view, { severity: '5', frequency: 'none', effort: '1' });
    expect(late.status).toBe(200);
    expect(json(late.json)).toContain('errors');
    expect(json(late.json)).toContain('is closed');
    expect(await mine(id, 'U0ALICE')).toEqual([
      { userId: 'U0ALICE', dimension: 'frequency', level: 2 },
      { userId: 'U0ALICE', dimension: 'severity', level: 2 },
    ]);

    const refused = await openMyVotes(id);
    expect(refused.opened).toBe(false);
    expect(json(h.fake.responses(refused.responseUrl)[0])).toContain('Voting on DEBT');

    const reopened = await h.click(ACTION.reopenVoting, String(id));
    await h.fake.waitFor(() => h.fake.responses(reopened.responseUrl)[0]);
    await h.command(`resolve ${id}`);
    await h.fake.waitFor(async () => (await h.deps.items.require(TEAM, id)).status === 'resolved');
    const frozen = await openMyVotes(id);
    expect(frozen.opened).toBe(false);
    expect(json(h.fake.responses(frozen.responseUrl)[0])).toContain('frozen');
  });
});
