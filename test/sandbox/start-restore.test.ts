// A restarted sandbox (SPEC §2.11, saved-state.ts): the stand-in's workspace comes back from SANDBOX_DIR when
// Redis still holds the same run, so cards and items agree; with the Redis data gone, the demo starts afresh.
import { existsSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { savedPath } from '../../src/sandbox/saved-state.ts';
import { createTestRedis, deleteByPrefix, testPrefix } from '../support/redis.ts';
import {
  ANA,
  BEN,
  blocksOf,
  CHANNELS,
  cardsIn,
  filingValues,
  type SandboxClient,
  START_TIMEOUT_MS,
  startClient,
  tempDir,
} from './server-harness.ts';

const prefix = testPrefix('start-restore');
const dir = tempDir('start-restore');
const redis = createTestRedis();
const TITLE = 'Nightly eval job silently skips empty shards';

afterAll(async () => {
  await deleteByPrefix(redis, `${prefix}:`);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts a sandbox on the shared prefix and directory, runs `use`, and always stops it (flushing the save). */
async function withSandbox<T>(use: (client: SandboxClient) => Promise<T>): Promise<T> {
  const client = await startClient(prefix, dir);
  try {
    return await use(client);
  } finally {
    await client.sandbox.stop();
  }
}

const cardTitled = (client: SandboxClient, title: string) =>
  client.state(ANA).then((s) => cardsIn(s, CHANNELS.mlPlatform).find((m) => m.text.includes(title)));

describe('restarting the sandbox', () => {
  it(
    'restores the cards filed before the stop, and the app still acts on them',
    async () => {
      const filed = await withSandbox(async (client) => {
        await client.ask('command', { user: ANA, channel: CHANNELS.mlPlatform, text: '/debt' });
        const modal = await client.until(ANA, (s) => s.modals[0]);
        const values = filingValues(TITLE, CHANNELS.mlPlatform);
        expect(await client.ask('submit', { user: ANA, viewId: modal.id, values })).toEqual({ ok: true });
        // Stopped as soon as the card shows: the app is still posting its vote panel and must finish first.
        return client.until(ANA, (s) => cardsIn(s, CHANNELS.mlPlatform).find((m) => m.text.includes(TITLE)));
      });
      expect(existsSync(savedPath(dir, prefix))).toBe(true);

      await withSandbox(async (client) => {
        const restored = await cardTitled(client, TITLE);
        expect(restored).toMatchObject({ ts: filed.ts, text: filed.text });
        const state = await client.state(ANA);
        // Restored, not seeded again: no demo notice, and the rest of the backlog is still there.
        expect(state.notices).toEqual([]);
        expect(cardsIn(state, CHANNELS.mlPlatform).length).toBeGreaterThan(10);

        // The item behind the card is in Redis: a vote on the restored panel is counted and the panel redrawn.
        const panel = state.messages[CHANNELS.mlPlatform]?.find((m) => m.threadTs === filed.ts);
        expect(panel?.text).toMatch(/^Vote on DEBT-\d+: 1 voter/);
        const button = blocksOf(panel ?? {})
          .find((b) => b.block_id === 'debt_vote_severity')
          ?.elements?.find((e) => e.action_id === 'debt_vote:severity:2');
        const vote = await client.ask('action', {
          user: BEN,
          source: { kind: 'message', channel: CHANNELS.mlPlatform, ts: panel?.ts, ephemeral: false },
          action: {
            type: 'button',
            action_id: 'debt_vote:severity:2',
            block_id: 'debt_vote_severity',
            value: button?.value,
          },
        });
        expect(vote).toEqual({ ok: true });
        const redrawn = await client.until(ANA, (s) =>
          s.messages[CHANNELS.mlPlatform]?.find((m) => m.ts === panel?.ts && /2 voters/.test(m.text)),
        );
        expect(redrawn.edited).toBe(true);
      });
    },
    3 * START_TIMEOUT_MS,
  );

  it(
    'starts the demo afresh when Redis no longer holds that run',
    async () => {
      expect(await deleteByPrefix(redis, `${prefix}:`)).toBeGreaterThan(0);
      await withSandbox(async (client) => {
        expect(await cardTitled(client, TITLE)).toBeUndefined();
        const state = await client.state(ANA);
        expect(cardsIn(state, CHANNELS.mlPlatform).length).toBeGreaterThan(10);
        expect(state.notices.map((n) => n.text)).toContainEqual(expect.stringMatching(/^Demo backlog: /));
      });
    },
    2 * START_TIMEOUT_MS,
  );
});
