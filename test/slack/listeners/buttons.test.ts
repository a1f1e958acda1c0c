// Listener-level tests: a handler factory with fake deps and a recorded Bolt context. They pin the order
// "ack first, then work" and what a listener answers without reaching any store.
import { describe, expect, it } from 'vitest';
import type { ButtonArgs } from '../../../src/slack/actions/context.ts';
import { handleListPage } from '../../../src/slack/actions/list-page.ts';
import { handleVote } from '../../../src/slack/actions/vote.ts';
import type { VoteStore } from '../../../src/store/votes.ts';
import { fakeDeps, PAYLOAD_ACTOR, recorder } from '../../support/fake-deps.ts';

/** The parts of a block_actions payload these listeners read (shape from Slack's block_actions reference). */
function buttonArgs(actionId: string, value: string, rec: ReturnType<typeof recorder>): ButtonArgs {
  const args = {
    ack: rec.record('ack'),
    respond: rec.record('respond'),
    client: {},
    // Set by the app's authorize: the installing workspace (src/slack/installation.ts).
    context: { teamId: 'T0001' },
    body: {
      type: 'block_actions',
      ...PAYLOAD_ACTOR,
      channel: { id: 'C0001', name: 'ml-infra' },
      trigger_id: '123.456.abc',
      // A click in a message always comes with one (a click on App Home does not).
      response_url: 'https://hooks.slack.com/actions/T0001/1/abc',
      container: { type: 'message', message_ts: '1700000000.000100' },
    },
    action: { type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1700000001.000200' },
  };
  // Bolt's full middleware args carry logger, context, next…, which these listeners never read.
  return args as unknown as ButtonArgs;
}

const texts = (calls: { args: unknown }[]) => JSON.stringify(calls.map((c) => c.args));

describe('the vote button listener', () => {
  it('acks first, casts the vote for the clicker and answers with a private receipt', async () => {
    const rec = recorder();
    const cast: VoteStore['cast'] = async (vote) => {
      rec.calls.push({ what: 'cast', args: vote });
      return 'duplicate';
    };
    const { deps } = fakeDeps({ votes: { cast } as VoteStore });
    await handleVote(deps)(buttonArgs('debt_vote:severity:3', '7', rec));
    expect(rec.calls.map((c) => c.what)).toEqual(['ack', 'cast', 'respond']);
    expect(rec.calls[1]?.args).toMatchObject({
      teamId: 'T0001',
      userId: 'U0001',
      itemId: 7,
      dimension: 'severity',
      level: 3,
      deliveryId: '1700000001.000200',
    });
    expect(rec.calls[2]?.args).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(texts(rec.calls.slice(2))).toContain('already counted');
  });

  it('answers a vote option it never posted as not found, without touching any store', async () => {
    const rec = recorder();
    const { deps, logs } = fakeDeps();
    await handleVote(deps)(buttonArgs('debt_vote:beauty:9', '7', rec));
    expect(rec.calls.map((c) => c.what)).toEqual(['ack', 'respond']);
    expect(texts(rec.calls)).toContain('That vote option was not found.');
    expect(logs.map((l) => [l.level, l.msg])).toEqual([['info', 'request refused']]);
  });

  it('answers a button value that is not an item id as not found', async () => {
    const rec = recorder();
    const { deps } = fakeDeps();
    await handleVote(deps)(buttonArgs('debt_vote:effort:2', 'DROP TABLE', rec));
    expect(texts(rec.calls)).toContain('That item was not found.');
  });

  it('reports a store failure as "nothing was lost" and logs it as an error', async () => {
    const rec = recorder();
    const cast: VoteStore['cast'] = async () => {
      throw new Error('Connection is closed.');
    };
    const { deps, logs } = fakeDeps({ votes: { cast } as VoteStore });
    await handleVote(deps)(buttonArgs('debt_vote:frequency:4', '7', rec));
    expect(texts(rec.calls)).toContain('cannot reach its database');
    expect(logs.some((l) => l.level === 'error' && l.msg === 'request failed')).toBe(true);
  });
});

describe('the list paging listener', () => {
  it('replaces a list whose paging state it cannot read with a hint to run the command again', async () => {
    const rec = recorder();
    const { deps } = fakeDeps();
    await handleListPage(deps)(buttonArgs('debt_list_page:next', '2|not;a;state', rec));
    expect(rec.calls.map((c) => c.what)).toEqual(['ack', 'respond']);
    expect(rec.calls[1]?.args).toMatchObject({ replace_original: true });
    expect(texts(rec.calls)).toContain('This list is out of date');
  });
});
