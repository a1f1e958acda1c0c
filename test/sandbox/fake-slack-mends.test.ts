import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack, parseSavedWorkspace } from '../../src/sandbox/fake-slack.ts';
import { testManifest } from './fake-slack-manifest.ts';

const manifest = testManifest('fake-slack-mends');

let now = Date.now();
let fake: FakeSlack;
let client: WebClient;

beforeAll(async () => {
  fake = await FakeSlack.start({ manifestPath: manifest, now: () => now });
  client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
});
afterAll(() => fake.close());
beforeEach(() => {
  now = Date.now();
  fake.resetWorkspace();
  fake.setChannel('C1', { name: 'ml-platform' });
});

const MINUTE = 60_000;
const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: [],
  ...extra,
});
const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { data?: { error?: string } }) => e.data?.error,
  );
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(24, 7),
]);

/** Announces and POSTs a file; with `channel`, shares it there, else completes it unshared. */
async function upload(bytes: Buffer, filename: string, channel?: string): Promise<string> {
  const ticket = await client.files.getUploadURLExternal({ filename, length: bytes.length });
  await fetch(ticket.upload_url ?? '', { method: 'POST', body: bytes });
  const id = ticket.file_id ?? '';
  await client.files.completeUploadExternal({ files: [{ id }], ...(channel ? { channel_id: channel } : {}) });
  return id;
}

async function openFor(userId: string, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { view } = await client.views.open({
    trigger_id: fake.issueTriggerId(userId),
    view: modal(title, extra),
  });
  return view?.id ?? '';
}

async function pushFor(userId: string, title: string, extra: Record<string, unknown> = {}): Promise<string> {
  const { view } = await client.views.push({
    trigger_id: fake.issueTriggerId(userId),
    view: modal(title, extra),
  });
  return view?.id ?? '';
}

describe("the app's messages", () => {
  it('carry the bot, a fresh ts and their thread however they were posted', async () => {
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'card' });
    const thread = parent.ts ?? '';
    await client.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: thread });
    const ticket = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 1 });
    await fetch(ticket.upload_url ?? '', { method: 'POST', body: 'x' });
    await client.files.completeUploadExternal({
      files: [{ id: ticket.file_id ?? '' }],
      channel_id: 'C1',
      thread_ts: thread,
    });
    const where = { userId: 'U1', channelId: 'C1', threadTs: thread };
    await postJson(fake.issueResponseUrl(where), { response_type: 'in_channel', text: 'for all' });
    await postJson(fake.issueResponseUrl(where), { text: 'for you' });
    const bot = { channel: 'C1', bot_id: 'B0FAKEBOT', thread_ts: thread };
    expect(fake.messages('C1').slice(1)).toEqual([
      expect.objectContaining({ ...bot, user: 'UBOT', text: 'reply' }),
      expect.objectContaining({ ...bot, user: 'UBOT', text: '', upload: true }),
      expect.objectContaining({ ...bot, user: 'UBOT', text: 'for all' }),
    ]);
    expect(fake.ephemerals('C1', 'U1')).toEqual([
      expect.objectContaining({ ...bot, user: 'U1', text: 'for you' }),
    ]);
    const stamps = [...fake.messages('C1'), ...fake.ephemerals('C1', 'U1')].map((m) => Number(m.ts));
    expect(new Set(stamps).size).toBe(5);
    expect(fake.messages('C1')[0]?.thread_ts).toBeUndefined();
    fake.assertNoViolations();
  });
});

describe('a long session stays small', () => {
  it('still answers expired_trigger_id for a known late trigger, and forgets triggers after 10 minutes', async () => {
    const late = fake.issueTriggerId('U1');
    const forgotten = fake.issueTriggerId('U1');
    now += 5 * MINUTE;
    expect(await errorOf(client.views.open({ trigger_id: late, view: modal('Late') }))).toBe(
      'expired_trigger_id',
    );
    now += 6 * MINUTE;
    fake.issueTriggerId('U1');
    expect(await errorOf(client.views.open({ trigger_id: forgotten, view: modal('Gone') }))).toBe(
      'invalid_trigger_id',
    );
  });

  it('still answers expired_url for a known late response_url, and forgets them after 2 hours', async () => {
    const late = fake.issueResponseUrl();
    const forgotten = fake.issueResponseUrl();
    now += 31 * MINUTE;
    expect(await (await postJson(late, { text: 'late' })).json()).toEqual({
      ok: false,
      error: 'expired_url',
    });
    now += 90 * MINUTE;
    const fresh = fake.issueResponseUrl();
    expect(await (await postJson(forgotten, { text: 'gone' })).json()).toEqual({
      ok: false,
      error: 'invalid_url',
    });
    expect((await postJson(fresh, { text: 'fresh' })).status).toBe(200);
  });

  it('forgets the views of a modal once they close, but never a Home tab', async () => {
    const { view: home } = await client.views.publish({
      user_id: 'U1',
      view: { type: 'home', blocks: [section('hi')] },
    });
    const root = await openFor('U1', 'Root');
    const middle = await pushFor('U1', 'Middle');
    const top = await pushFor('U1', 'Top');
    fake.closeModal('U1', middle);
    expect([fake.view(middle), fake.view(top)]).toEqual([undefined, undefined]);
    expect(fake.view(root)?.id).toBe(root);
    const next = await pushFor('U1', 'Next');
    fake.answerSubmission('U1', next, '');
    expect(fake.view(next)).toBeUndefined();
    fake.clearModals('U1');
    expect(fake.view(root)).toBeUndefined();
    const again = await openFor('U1', 'Again');
    await openFor('U1', 'Replacing');
    expect(fake.view(again)).toBeUndefined();
    const cleared = await pushFor('U1', 'Cleared');
    fake.answerSubmission('U1', cleared, { response_action: 'clear' });
    expect(fake.view(cleared)).toBeUndefined();
    expect(fake.home('U1')?.id).toBe(home?.id);
    fake.assertNoViolations();
  });

  it('keeps only the last N calls with recordCalls: N, and none with false', async () => {
    const capped = await FakeSlack.start({ manifestPath: manifest, recordCalls: 2 });
    const silent = await FakeSlack.start({ manifestPath: manifest, recordCalls: false });
    try {
      for (const f of [capped, silent]) {
        const c = new WebClient('xoxb-test', { slackApiUrl: f.url, retryConfig: { retries: 0 } });
        for (const text of ['one', 'two', 'three']) await c.chat.postMessage({ channel: 'C1', text });
        await postJson(f.issueResponseUrl(), { text: 'four' });
      }
      expect(capped.calls.map((c) => c.args.text)).toEqual(['three', 'four']);
      expect(silent.calls).toEqual([]);
      expect(silent.messages('C1')).toHaveLength(3);
    } finally {
      await capped.close();
      await silent.close();
    }
  });
});

describe('block and element types', () => {
  const post = (blocks: unknown[]) =>
    client.chat.postMessage({ channel: 'C1', text: 'x', blocks: blocks as never[] });

  it('refuses a block or element type Slack does not know with invalid_blocks', async () => {
    expect(await errorOf(post([{ type: 'carousel_of_doom' }]))).toBe('invalid_blocks');
    expect(await errorOf(post([{ text: { type: 'mrkdwn', text: 'no type' } }]))).toBe('invalid_blocks');
    const button = { type: 'buton', text: { type: 'plain_text', text: 'Go' }, action_id: 'go' };
    expect(await errorOf(post([{ type: 'actions', elements: [button] }]))).toBe('invalid_blocks');
    expect(await errorOf(post([{ ...section('s'), accessory: { type: 'slider', action_id: 'x' } }]))).toBe(
      'invalid_blocks',
    );
    expect(await errorOf(post([{ type: 'context', elements: [{ type: 'button', text: 'x' }] }]))).toBe(
      'invalid_blocks',
    );
    expect(fake.violations).toEqual([
      expect.stringContaining('blocks[0].type: unknown block type "carousel_of_doom"'),
      expect.stringContaining('blocks[0].type: unknown block type undefined'),
      expect.stringContaining('blocks[0].elements[0].type: unknown element type "buton"'),
      expect.stringContaining('blocks[0].accessory.type: unknown element type "slider"'),
      expect.stringContaining('blocks[0].elements[0].type: unknown context element type "button"'),
    ]);
    expect(fake.messages('C1')).toEqual([]);
  });

  it('accepts every block the app might send, and views are held to the same list', async () => {
    const known = [
      { type: 'divider' },
      { type: 'header', text: { type: 'plain_text', text: 'H' } },
      { type: 'markdown', text: '**hi**' },
      {
        type: 'rich_text',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'r' }] }],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'c' }] },
      {
        type: 'actions',
        elements: [
          { type: 'button', text: { type: 'plain_text', text: 'Go' }, action_id: 'go' },
          { type: 'external_select', action_id: 'pick', placeholder: { type: 'plain_text', text: 'Pick' } },
        ],
      },
    ];
    expect(await errorOf(post(known))).toBe('ok');
    const refused = client.views.open({
      trigger_id: fake.issueTriggerId('U1'),
      view: { ...modal('Form'), blocks: [{ type: 'inpt' } as never] },
    });
    expect(await errorOf(refused)).toBe('invalid_blocks');
    expect(fake.violations).toEqual([
      expect.stringContaining('view.blocks[0].type: unknown block type "inpt"'),
    ]);
  });
});

describe('checkOptions: an external select’s options answer', () => {
  const option = (text: string, value = text) => ({ text: { type: 'plain_text', text }, value });

  it('passes a good answer, as an object or its JSON, and bumps version', () => {
    const before = fake.version;
    fake.checkOptions({ options: [option('DEBT-1 Flaky test', 'DEBT-1')] });
    fake.checkOptions(
      JSON.stringify({
        option_groups: [{ label: { type: 'plain_text', text: 'Mine' }, options: [option('a')] }],
      }),
    );
    expect(fake.version).toBe(before + 2);
    fake.assertNoViolations();
  });

  it('records more than 100 options, over-long text, value or group label, and a malformed answer', () => {
    fake.checkOptions({ options: Array.from({ length: 101 }, (_, i) => option(`o${i}`)) });
    fake.checkOptions({ options: [option('t'.repeat(76), 'v'), option('t', 'v'.repeat(76))] });
    fake.checkOptions({
      option_groups: [{ label: { type: 'plain_text', text: 'l'.repeat(76) }, options: [] }],
    });
    fake.checkOptions({});
    fake.checkOptions({ options: [{ text: { type: 'plain_text', text: ' ' } }] });
    fake.checkOptions('not json');
    expect(fake.violations).toEqual([
      'options response: options: 101 items > 100',
      'options response: options[0].text: 76 chars > 75',
      'options response: options[1].value: 76 chars > 75',
      'options response: option_groups[0].label: 76 chars > 75',
      'options response: needs exactly one of options or option_groups',
      'options response: options[0]: an option needs a text object and a string value',
      'options response: options[0].text: empty plain_text text',
      'options response: not a JSON object: "not json"',
    ]);
  });

  it('records user text an option shows unescaped', () => {
    fake.taint('<b>bold</b>');
    fake.checkOptions({ options: [option('<b>bold</b>', 'DEBT-1')] });
    expect(fake.violations).toEqual([expect.stringMatching(/^options response: .*unescaped user text/)]);
  });
});

describe('the saved workspace', () => {
  it('round-trips through JSON and zod, keeping only the files a saved message or Home tab shows', async () => {
    fake.setChannel('C1', { name: 'ml-platform' });
    const shared = await upload(Buffer.from('a,b\r\n'), 'export.csv', 'C1');
    const onHome = await upload(PNG, 'home.png');
    const inEphemeral = await upload(PNG, 'stats.png');
    const inMessage = await upload(PNG, 'card.png');
    const image = (id: string) => ({ type: 'image', alt_text: 'chart', slack_file: { id } });
    await client.chat.postEphemeral({
      channel: 'C1',
      user: 'U1',
      text: 'stats',
      blocks: [image(inEphemeral)],
    });
    await client.chat.postMessage({ channel: 'C1', text: 'card', blocks: [image(inMessage)] });
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [image(onHome)] as never[] } });
    fake.assertNoViolations();

    const saved = parseSavedWorkspace(JSON.parse(JSON.stringify(fake.saveWorkspace())));
    expect(saved?.files.map((f) => f.id).sort()).toEqual([shared, onHome, inMessage].sort());
    const messages = fake.messages('C1');
    const home = fake.home('U1');
    fake.resetWorkspace();
    expect(fake.messages('C1')).toEqual([]);
    if (!saved) throw new Error('the saved workspace did not parse');
    fake.restoreWorkspace(saved);
    expect(fake.messages('C1')).toEqual(messages);
    expect(fake.home('U1')).toEqual(home);
    expect(fake.file(onHome)?.bytes.equals(PNG)).toBe(true);
    expect(fake.file(inEphemeral)).toBeUndefined();
    const next = await client.chat.postMessage({ channel: 'C1', text: 'after' });
    expect(Number(next.ts)).toBeGreaterThan(Number(messages.at(-1)?.ts));
  });

  it('answers null for anything that is not a saved workspace', () => {
    const good = fake.saveWorkspace();
    expect(parseSavedWorkspace(good)).toEqual(good);
    for (const bad of [null, 'x', {}, { ...good, v: 2 }, { ...good, messages: [['C1', [{ ts: 1 }]]] }])
      expect(parseSavedWorkspace(bad)).toBeNull();
  });
});

describe('closing a modal with clear_on_close', () => {
  it('clears the whole stack when the closed view asks for it, or the caller does', async () => {
    await openFor('U1', 'Root');
    const top = await pushFor('U1', 'Top', { clear_on_close: true });
    fake.closeModal('U1', top);
    expect(fake.modalStack('U1')).toEqual([]);
    const root = await openFor('U1', 'Root');
    const plain = await pushFor('U1', 'Plain');
    fake.closeModal('U1', plain, { clear: true });
    expect(fake.view(root)).toBeUndefined();
    await openFor('U1', 'Root');
    const kept = await pushFor('U1', 'Kept', { clear_on_close: true });
    fake.closeModal('U1', kept, { clear: false });
    expect(fake.modalStack('U1').map((v) => (v.title as { text: string }).text)).toEqual(['Root']);
  });
});
