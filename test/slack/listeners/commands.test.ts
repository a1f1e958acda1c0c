// Listener-level tests of `/debt`: which commands answer in the ack body (decision 0026), the fallback to the
// response_url when the answer is not ready by the deadline, and "ack first" for the commands that write.
import type { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { markReceived } from '../../../src/lib/received-at.ts';
import { handleDebtCommand } from '../../../src/slack/commands/debt.ts';
import type { ItemStore } from '../../../src/store/items.ts';
import type { ScoreReader } from '../../../src/store/scored.ts';
import { fakeDeps, recorder } from '../../support/fake-deps.ts';

type CommandArgs = Parameters<ReturnType<typeof handleDebtCommand>>[0];

const client = {
  auth: { test: async () => ({ ok: true, url: 'https://acme.slack.com/' }) },
} as unknown as webApi.WebClient;

/** The parts of a slash command payload the listener reads (shape from Slack's slash command reference). */
function commandArgs(text: string, rec: ReturnType<typeof recorder>): CommandArgs {
  const command = {
    text,
    user_id: 'U0001',
    channel_id: 'C0001',
    channel_name: 'ml-infra',
    trigger_id: '123.456.abc',
    response_url: 'https://hooks.slack.com/commands/T0001/1/abc',
  };
  const args = {
    command,
    ack: rec.record('ack'),
    respond: rec.record('respond'),
    client,
    context: { teamId: 'T0001' },
  };
  // Bolt's full middleware args carry logger, next, say…, which this listener never reads.
  return args as unknown as CommandArgs;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A channel with no items, whose listing takes `delayMs`. */
function emptyChannel(delayMs: number) {
  return {
    items: {
      listChannel: async () => {
        await sleep(delayMs);
        return [];
      },
    } as Partial<ItemStore> as ItemStore,
    scores: { score: async () => [] } as ScoreReader,
  };
}

const text = (args: unknown) => JSON.stringify(args);

describe('the /debt listener', () => {
  it('answers help in the ack body, privately, and posts nothing to the response_url', async () => {
    const rec = recorder();
    await handleDebtCommand(fakeDeps().deps)(commandArgs('help', rec));
    expect(rec.calls.map((c) => c.what)).toEqual(['ack']);
    expect(rec.calls[0]?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(text(rec.calls[0]?.args)).toContain('/debt list');
  });

  it('answers a refusal of a read-only command in the ack body too', async () => {
    const rec = recorder();
    const items = { get: async () => null } as Partial<ItemStore> as ItemStore;
    await handleDebtCommand(fakeDeps({ items }).deps)(commandArgs('show 42', rec));
    expect(rec.calls.map((c) => c.what)).toEqual(['ack']);
    expect(text(rec.calls[0]?.args)).toContain('DEBT-42 was not found');
  });

  it('answers a list ready before the deadline in the ack body', async () => {
    const rec = recorder();
    const { deps } = fakeDeps(emptyChannel(0));
    await handleDebtCommand(deps, { answerInAckWithinMs: 500 })(commandArgs('list', rec));
    expect(rec.calls.map((c) => c.what)).toEqual(['ack']);
    expect(text(rec.calls[0]?.args)).toContain('Nothing here');
  });

  it('acks empty at the deadline when the store is slow, then answers through the response_url', async () => {
    const rec = recorder();
    const { deps, logs } = fakeDeps(emptyChannel(150));
    await handleDebtCommand(deps, { answerInAckWithinMs: 30 })(commandArgs('list', rec));
    // The ack went out empty before the listing was ready, which then took the response_url.
    expect(rec.calls.map((c) => c.what)).toEqual(['ack', 'respond']);
    expect(rec.calls[0]?.args).toBeUndefined();
    expect(rec.calls[1]?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(text(rec.calls[1]?.args)).toContain('Nothing here');
    expect(logs.map((l) => l.msg)).toContain(
      'answer not ready within the ack deadline; answering through response_url',
    );
  });

  it('counts the deadline from the request arrival, not from when the listener starts', async () => {
    const rec = recorder();
    const { deps } = fakeDeps(emptyChannel(150));
    const args = commandArgs('list', rec);
    // Authorization and a busy event loop already took 1.9 of the 2 s before the listener ran.
    markReceived(args.command, performance.now() - 1900);
    await handleDebtCommand(deps, { answerInAckWithinMs: 2000 })(args);
    expect(rec.calls.map((c) => c.what)).toEqual(['ack', 'respond']);
    expect(rec.calls[0]?.args).toBeUndefined();
  });

  it('acks a command that writes before touching any store, and answers through the response_url', async () => {
    const rec = recorder();
    const get: ItemStore['get'] = async () => {
      rec.calls.push({ what: 'get', args: undefined });
      throw new Error('Connection is closed.');
    };
    const { deps } = fakeDeps({ items: { get } as Partial<ItemStore> as ItemStore });
    await handleDebtCommand(deps)(commandArgs('resolve 7', rec));
    expect(rec.calls.map((c) => c.what)).toEqual(['ack', 'get', 'respond']);
    expect(rec.calls[0]?.args).toBeUndefined();
    expect(text(rec.calls[2]?.args)).toContain('cannot reach its database');
  });
});
