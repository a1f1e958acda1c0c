// A person's path through the page API to the real app and back: a command's private answer, the filing
// modal and its validation, the card it posts, votes on the card's panel, and the message shortcut.
import { describe, expect, it } from 'vitest';
import type { SandboxState } from '../../src/sandbox/contract.ts';
import {
  ANA,
  BEN,
  blocksOf,
  CHANNELS,
  cardsIn,
  filingValues,
  MEI,
  type SandboxClient,
  useSandbox,
} from './server-harness.ts';

const sandbox = useSandbox('server-filing');
const TITLE = 'Retraining the ranker needs a manual notebook';

const ephemeralTexts = (s: SandboxState, channel: string) =>
  (s.messages[channel] ?? []).filter((m) => m.ephemeral).map((m) => m.text);

/** The card filed under `title` and the vote panel opening its thread, once both are posted. */
async function cardAndPanel(client: SandboxClient, title: string) {
  return client.until(ANA, (s) => {
    const card = cardsIn(s, CHANNELS.mlPlatform).find((m) => m.text.includes(title));
    const panel = (s.messages[CHANNELS.mlPlatform] ?? []).find((m) => card && m.threadTs === card.ts);
    return card && panel ? { card, panel } : undefined;
  });
}

describe('a command', () => {
  it('answers `/debt help` to the person who typed it, and to nobody else', async () => {
    const answer = await sandbox().ask('command', {
      user: ANA,
      channel: CHANNELS.mlPlatform,
      text: '/debt help',
    });
    expect(answer).toEqual({ ok: true });
    expect(ephemeralTexts(await sandbox().state(ANA), CHANNELS.mlPlatform)).toContain('Debt Triage help');
    expect(ephemeralTexts(await sandbox().state(BEN), CHANNELS.mlPlatform)).not.toContain('Debt Triage help');
  });
});

describe('filing through the modal', () => {
  it('opens the modal for its person, keeps it open with the app’s errors, then posts the card', async () => {
    const client = sandbox();
    expect(await client.ask('command', { user: ANA, channel: CHANNELS.mlPlatform, text: '/debt' })).toEqual({
      ok: true,
    });
    // The app opens the modal with views.open after its ack: it shows up a moment later.
    const modal = await client.until(ANA, (s) => s.modals[0]);
    expect(modal.view).toMatchObject({ type: 'modal', callback_id: 'debt_file' });
    expect((await client.state(BEN)).modals).toEqual([]);

    // Two characters: the app answers `response_action: errors` and Slack keeps the modal open.
    const short = await client.ask('submit', {
      user: ANA,
      viewId: modal.id,
      values: filingValues('ab', CHANNELS.mlPlatform),
    });
    expect(short).toEqual({ ok: true, errors: { title: expect.stringMatching(/3–150 characters/) } });
    const stillOpen = await client.state(ANA);
    expect(stillOpen.modals.map((m) => m.id)).toEqual([modal.id]);
    expect(stillOpen.modals[0]?.errors).toEqual(short.errors);

    expect(
      await client.ask('submit', {
        user: ANA,
        viewId: modal.id,
        values: filingValues(TITLE, CHANNELS.mlPlatform),
      }),
    ).toEqual({
      ok: true,
    });
    expect((await client.state(ANA)).modals).toEqual([]);
    const { card, panel } = await cardAndPanel(client, TITLE);
    expect(card.text).toMatch(/^DEBT-\d+: Retraining the ranker/);
    expect(panel.text).toMatch(/1 voter/);
    // Everyone in the channel sees the card, not just the person who filed it.
    expect(cardsIn(await client.state(BEN), CHANNELS.mlPlatform).map((m) => m.ts)).toContain(card.ts);
    expect((await client.state(ANA)).problems).toEqual([]);
  });
});

describe('voting on the panel', () => {
  it('counts each person’s click, refreshes the panel for everyone and shows tallies at quorum', async () => {
    const client = sandbox();
    const { panel } = await cardAndPanel(client, TITLE);
    const block = blocksOf(panel).find((b) => b.block_id === 'debt_vote_severity');
    const button = block?.elements?.find((e) => e.action_id === 'debt_vote:severity:3');
    expect(button?.value).toMatch(/^\d+$/);
    const vote = (user: string) =>
      client.ask('action', {
        user,
        source: { kind: 'message', channel: CHANNELS.mlPlatform, ts: panel.ts, ephemeral: false },
        action: {
          type: 'button',
          action_id: 'debt_vote:severity:3',
          block_id: block?.block_id,
          value: button?.value,
        },
      });
    const panelNow = (s: SandboxState) =>
      (s.messages[CHANNELS.mlPlatform] ?? []).find((m) => m.ts === panel.ts);
    const severityButtons = (s: SandboxState) =>
      blocksOf(panelNow(s) ?? {})
        .find((b) => b.block_id === 'debt_vote_severity')
        ?.elements?.map((e) => e.text?.text);

    // Ana filed it with severity 4: her click moves her vote, so still one voter but a new estimate.
    expect(await vote(ANA)).toEqual({ ok: true });
    const changed = await client.until(ANA, (s) => panelNow(s)?.text !== panel.text && panelNow(s));
    expect(changed.text).toMatch(/1 voter/);
    expect(changed.edited).toBe(true);
    // The receipt comes by response_url, to Ana alone.
    const receipt = (s: SandboxState) =>
      ephemeralTexts(s, CHANNELS.mlPlatform).find((t) => t.startsWith('You voted severity 3'));
    expect(await client.until(ANA, receipt)).toMatch(/^You voted severity 3 · Moderate on DEBT-\d+\./);
    expect(receipt(await client.state(BEN))).toBeUndefined();

    // Ben makes two voters, the channel's quorum: the counts per level appear on the buttons.
    expect(await vote(BEN)).toEqual({ ok: true });
    const counted = await client.until(BEN, (s) => /2 voters/.test(panelNow(s)?.text ?? '') && s);
    expect(severityButtons(counted)).toContain('3 · Moderate · 2');
    expect(severityButtons(await client.state(MEI))).toContain('3 · Moderate · 2');
  });
});

describe('the message shortcut', () => {
  it('files from a person’s own message with the modal prefilled as they wrote it', async () => {
    const client = sandbox();
    const typed = 'The feature store backfill <is> a manual notebook & it hurts';
    expect(await client.ask('command', { user: BEN, channel: CHANNELS.mlPlatform, text: typed })).toEqual({
      ok: true,
    });
    const posted = (await client.state(BEN)).messages[CHANNELS.mlPlatform]
      ?.filter((m) => m.user === BEN)
      .at(-1);
    // Slack stores what people type with & < > escaped; the prefill shows it as they typed it.
    expect(posted?.text).toBe('The feature store backfill &lt;is&gt; a manual notebook &amp; it hurts');

    const shortcut = {
      user: BEN,
      channel: CHANNELS.mlPlatform,
      ts: posted?.ts,
      callbackId: 'debt_file_from_message',
    };
    expect(await client.ask('shortcut', shortcut)).toEqual({ ok: true });
    const modal = await client.until(BEN, (s) => s.modals[0]);
    expect(modal.view.callback_id).toBe('debt_file');
    const title = blocksOf(modal.view).find((b) => b.block_id === 'title');
    expect(title?.element?.initial_value).toBe(typed);
    expect((await client.state(MEI)).modals).toEqual([]);
  });

  it('refuses a callback id the manifest does not declare, and a message that is not there', async () => {
    const client = sandbox();
    const [card] = cardsIn(await client.state(MEI), CHANNELS.mlPlatform);
    const shortcut = { user: MEI, channel: CHANNELS.mlPlatform, ts: card?.ts };
    expect(await client.ask('shortcut', { ...shortcut, callbackId: 'debt_nope' })).toEqual({
      ok: false,
      error: 'invalid_callback_id',
    });
    expect(
      await client.ask('shortcut', { ...shortcut, ts: '1.000000', callbackId: 'debt_file_from_message' }),
    ).toEqual({ ok: false, error: 'message_not_found' });
    expect((await client.state(MEI)).modals).toEqual([]);
  });
});
