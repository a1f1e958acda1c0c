// POST /sandbox/reset: the app restarted on an empty workspace or on the demo backlog afresh, one reset at a
// time. Its own file: a reset takes the whole workspace, so nothing else may run on this sandbox meanwhile.
import { describe, expect, it } from 'vitest';
import { LIST_EMPTY_TEXT } from '../../blocks/item-list.ts';
import { ANA, blocksOf, CHANNELS, cardsIn, START_TIMEOUT_MS, useSandbox } from './server-harness.ts';

const sandbox = useSandbox('server-reset');

describe('resetting the sandbox', () => {
  it(
    'empties the workspace, refusing a second reset while the first runs',
    async () => {
      const client = sandbox();
      await client.ask('command', { user: ANA, channel: CHANNELS.general, text: 'before the reset' });
      // Whichever arrives first runs; the other is turned away rather than queued behind it.
      const answers = await Promise.all([
        client.ask('reset', { demo: false }),
        client.ask('reset', { demo: false }),
      ]);
      const said = 'The workspace is empty: file the first item with /debt.';
      expect(answers).toEqual(
        expect.arrayContaining([
          { ok: true, said },
          { ok: false, error: 'A reset is already under way.' },
        ]),
      );

      const empty = await client.state(ANA);
      for (const channel of empty.channels) expect(empty.messages[channel.id]).toEqual([]);
      expect(empty.problems).toEqual([]);
      expect(empty.notices.at(-1)?.text).toBe(said);
      // The items went with the cards: the restarted app has nothing to list.
      await client.ask('command', { user: ANA, channel: CHANNELS.mlPlatform, text: '/debt list all' });
      const listed = await client.until(ANA, (s) =>
        s.messages[CHANNELS.mlPlatform]?.find((m) => m.ephemeral),
      );
      expect(blocksOf(listed).map((b) => b.text?.text)).toContain(LIST_EMPTY_TEXT);
    },
    START_TIMEOUT_MS,
  );

  it(
    'brings the demo backlog back, its cards posted by the restarted app',
    async () => {
      const client = sandbox();
      const answer = await client.ask('reset', { demo: true });
      expect(answer.ok).toBe(true);
      expect(answer.said).toMatch(/^Demo backlog: \d+ items/);
      const demo = await client.state(ANA);
      expect(cardsIn(demo, CHANNELS.mlPlatform).length).toBeGreaterThan(10);
      expect(demo.messages[CHANNELS.general]).toEqual([]);
      // The new app answers commands: a fresh `/debt help` reaches it.
      expect(
        await client.ask('command', { user: ANA, channel: CHANNELS.general, text: '/debt help' }),
      ).toEqual({
        ok: true,
      });
    },
    START_TIMEOUT_MS,
  );
});
