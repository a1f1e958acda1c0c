// GET /sandbox/state as each person's page reads it: the demo workspace as that person may see it, the long
// poll that wakes on someone else's change, and App Home once it is opened.
import { describe, expect, it } from 'vitest';
import { ANA, BEN, CHANNELS, cardsIn, MEI, topLevel, useSandbox } from './server-harness.ts';

const sandbox = useSandbox('server-state');

describe('the workspace as one person sees it', () => {
  it('lists the demo channels, the private one only to its members, and the DM with the app last', async () => {
    const ana = await sandbox().state(ANA);
    expect(ana.me).toBe(ANA);
    expect(ana.channels.map((c) => [c.name, c.isPrivate, c.isDm])).toEqual([
      ['ml-platform', false, false],
      ['data-eng', false, false],
      ['research', true, false],
      ['general', false, false],
      ['Debt Triage', true, true],
    ]);
    expect(ana.channels.at(-1)?.id).toBe(`D${ANA}`);

    // Ben is not in #research: neither the channel nor its messages reach his page.
    const ben = await sandbox().state(BEN);
    expect(ben.channels.map((c) => c.id)).not.toContain(CHANNELS.research);
    expect(Object.keys(ben.messages)).not.toContain(CHANNELS.research);
    expect(ben.channels.at(-1)).toMatchObject({ id: `D${BEN}`, isDm: true });
  });

  it('shows the demo backlog as cards with their vote panels, and no broken payloads', async () => {
    const ana = await sandbox().state(ANA);
    const cards = cardsIn(ana, CHANNELS.mlPlatform);
    expect(cards.length).toBeGreaterThan(10);
    for (const card of cards) expect(card.blocks?.length).toBeGreaterThan(0);
    // Each card's thread opens with its vote panel.
    const [first] = cards;
    const thread = (ana.messages[CHANNELS.mlPlatform] ?? []).filter((m) => m.threadTs === first?.ts);
    expect(thread[0]?.text).toMatch(/^Vote on DEBT-\d+/);
    expect(first?.replyCount).toBeGreaterThan(0);
    expect(cardsIn(ana, CHANNELS.research).length).toBeGreaterThan(0);
    expect(ana.messages[CHANNELS.general]).toEqual([]);
    expect(ana.problems).toEqual([]);
    expect(ana.notices.map((n) => n.text)).toContainEqual(expect.stringMatching(/^Demo backlog: \d+ items/));
    expect(ana.shortcuts).toContainEqual(expect.objectContaining({ callbackId: 'debt_file_from_message' }));
  });

  it('holds a long poll until someone else changes something, then answers with the change', async () => {
    const before = await sandbox().state(ANA);
    let answered = false;
    const polled = sandbox()
      .state(ANA, before.version)
      .finally(() => {
        answered = true;
      });
    // Nothing changed yet: the poll is still open (it would answer only after ~20 s on its own).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(answered).toBe(false);

    const started = Date.now();
    expect(
      await sandbox().ask('command', { user: BEN, channel: CHANNELS.general, text: 'Lunch at noon?' }),
    ).toEqual({
      ok: true,
    });
    const after = await polled;
    expect(Date.now() - started).toBeLessThan(5000);
    expect(after.version).toBeGreaterThan(before.version);
    expect(topLevel(after, CHANNELS.general).map((m) => [m.user, m.text])).toEqual([[BEN, 'Lunch at noon?']]);
  });

  it('answers a poll at once when the version asked about has already passed', async () => {
    const started = Date.now();
    const state = await sandbox().state(ANA, 0);
    expect(state.version).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('App Home', () => {
  it('is empty until the person opens it, then shows the view the app published for them', async () => {
    expect((await sandbox().state(MEI)).home).toBeNull();
    expect(await sandbox().ask('home', { user: MEI })).toEqual({ ok: true });
    const home = await sandbox().until(MEI, (s) => s.home);
    expect(home.view.type).toBe('home');
    expect(home.view.blocks).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'header' })]));
    // Mei's Home is hers: nobody else's page shows one.
    expect((await sandbox().state(BEN)).home).toBeNull();
  });
});
