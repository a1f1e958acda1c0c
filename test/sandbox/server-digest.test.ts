// "Run digest now" (POST /sandbox/digest): the channel's weekly digest job run by the app's own worker, as its
// scheduler would at the slot, with the once-a-week guard still in force.
import { describe, expect, it } from 'vitest';
import { ANA, BEN, CHANNELS, topLevel, useSandbox } from './server-harness.ts';

const sandbox = useSandbox('server-digest');

/** The scheduled digests in the channel, found as the app's duplicate check finds them: by their metadata. */
const digestsIn = (channel: string) =>
  sandbox()
    .sandbox.session.fake.messages(channel)
    .filter((m) => (m.metadata as { event_type?: string } | undefined)?.event_type === 'debt_digest');

describe('running a channel’s digest now', () => {
  it('posts the week’s digest once, and says so when it is already there', async () => {
    const client = sandbox();
    expect(digestsIn(CHANNELS.mlPlatform)).toEqual([]);
    const first = await client.ask('digest', { user: ANA, channel: CHANNELS.mlPlatform });
    expect(first).toEqual({ ok: true, said: 'The weekly digest is posted in #ml-platform.' });

    const [digest] = digestsIn(CHANNELS.mlPlatform);
    expect(digest?.metadata).toMatchObject({ event_payload: { channel: CHANNELS.mlPlatform } });
    // Everyone in the channel sees it, not only who pressed the button.
    const seen = topLevel(await client.state(BEN), CHANNELS.mlPlatform).find((m) => m.ts === digest?.ts);
    expect(seen?.text).toMatch(/^Debt digest for the week of/);

    const second = await client.ask('digest', { user: BEN, channel: CHANNELS.mlPlatform });
    expect(second.ok).toBe(true);
    expect(second.said).toMatch(/already in #ml-platform \(one a week\)/);
    expect(digestsIn(CHANNELS.mlPlatform)).toHaveLength(1);

    // Each notice goes to the person who pressed the button.
    const anas = (await client.state(ANA)).notices.map((n) => [n.level, n.text]);
    const bens = (await client.state(BEN)).notices.map((n) => [n.level, n.text]);
    expect(anas).toContainEqual(['info', first.said]);
    expect(anas).not.toContainEqual(['error', second.said]);
    expect(bens).toContainEqual(['error', second.said]);
  });

  it('refuses a channel with no weekly digest, saying how to turn one on', async () => {
    const answer = await sandbox().ask('digest', { user: ANA, channel: CHANNELS.general });
    expect(answer).toEqual({
      ok: false,
      error: '#general has no weekly digest: turn it on with /debt config in the channel.',
    });
    expect(digestsIn(CHANNELS.general)).toEqual([]);
    expect(topLevel(await sandbox().state(ANA), CHANNELS.general)).toEqual([]);
  });
});
