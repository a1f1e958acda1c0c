import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { testManifest } from './fake-slack-manifest.ts';

const manifest = testManifest('fake-slack-sandbox');

let fake: FakeSlack;
let client: WebClient;

beforeAll(async () => {
  fake = await FakeSlack.start({ manifestPath: manifest });
  client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.resetWorkspace();
  fake.setChannel('C1', { name: 'ml-platform' });
});

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const modal = (title: string, blocks: unknown[] = []) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  blocks: blocks as never[],
});
const input = (blockId: string) => ({
  type: 'input',
  block_id: blockId,
  label: { type: 'plain_text', text: 'Title' },
  element: { type: 'plain_text_input', action_id: 'value' },
});
const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const titles = (userId: string) =>
  fake.modalStack(userId).map((v) => (v.title as { text: string } | undefined)?.text);

/** Opens a modal for `userId` through views.open with a trigger issued for them; answers its id. */
async function openFor(userId: string, title: string, blocks: unknown[] = []): Promise<string> {
  const { view } = await client.views.open({
    trigger_id: fake.issueTriggerId(userId),
    view: modal(title, blocks),
  });
  return view?.id ?? '';
}

describe('change notification', () => {
  it('bumps version after Web API calls, response_url posts, uploads and workspace changes', async () => {
    const seen: number[] = [];
    const stop = fake.onChange(() => seen.push(fake.version));
    const start = fake.version;
    await client.chat.postMessage({ channel: 'C1', text: 'hi' });
    expect(fake.version).toBe(start + 1);
    await postJson(fake.issueResponseUrl(), { text: 'later' });
    const ticket = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 1 });
    await fetch(ticket.upload_url ?? '', { method: 'POST', body: 'x' });
    fake.postUserMessage('C1', 'U1', 'hello');
    expect(fake.version).toBe(start + 5);
    expect(seen).toEqual([start + 1, start + 2, start + 3, start + 4, start + 5]);
    stop();
    fake.setUser('U2');
    expect(seen).toHaveLength(5);
    expect(fake.version).toBe(start + 6);
  });

  it('never lets a listener that throws break the HTTP answer', async () => {
    const stop = fake.onChange(() => {
      throw new Error('page went away');
    });
    expect((await client.chat.postMessage({ channel: 'C1', text: 'still fine' })).ok).toBe(true);
    stop();
    expect(fake.messages('C1')).toHaveLength(1);
    expect(fake.violations).toEqual([expect.stringContaining('change listener threw: page went away')]);
  });
});

describe('modal stacks', () => {
  it('opens a stack for the trigger’s person, pushes up to 3 views, and answers push_limit_reached past it', async () => {
    const root = await openFor('U1', 'Root');
    const pushed: string[] = [];
    for (const title of ['Second', 'Third']) {
      const { view } = await client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal(title) });
      pushed.push(view?.id ?? '');
    }
    expect(titles('U1')).toEqual(['Root', 'Second', 'Third']);
    const [, second, third] = fake.modalStack('U1');
    expect(second).toMatchObject({ user_id: 'U1', root_view_id: root, previous_view_id: root });
    expect(third).toMatchObject({ root_view_id: root, previous_view_id: pushed[0] });
    await expect(
      client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal('Fourth') }),
    ).rejects.toMatchObject({ data: { error: 'push_limit_reached' } });
    expect(titles('U1')).toEqual(['Root', 'Second', 'Third']);
    expect(fake.violations).toEqual([expect.stringContaining('push_limit_reached')]);
    expect(fake.modalStack('U2')).toEqual([]);
  });

  it('updates a view in place, and a new views.open replaces the open modal', async () => {
    const root = await openFor('U1', 'Root');
    const { view } = await client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal('Top') });
    await client.views.update({ view_id: root, view: modal('Root v2') });
    expect(titles('U1')).toEqual(['Root v2', 'Top']);
    expect(fake.view(root)).toMatchObject({ user_id: 'U1', root_view_id: root, previous_view_id: null });
    expect(fake.view(view?.id ?? '')?.previous_view_id).toBe(root);
    await openFor('U1', 'Fresh');
    expect(titles('U1')).toEqual(['Fresh']);
  });

  it('closes a view with everything above it, or the whole modal, and hands out copies', async () => {
    await openFor('U1', 'Root');
    const { view } = await client.views.push({
      trigger_id: fake.issueTriggerId('U1'),
      view: modal('Middle'),
    });
    await client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal('Top') });
    const copy = fake.modalStack('U1')[0];
    if (copy) copy.title = 'changed';
    expect(titles('U1')[0]).toBe('Root');
    fake.closeModal('U1', view?.id ?? '');
    expect(titles('U1')).toEqual(['Root']);
    fake.clearModals('U1');
    expect(fake.modalStack('U1')).toEqual([]);
  });

  it('keeps today’s behaviour for a trigger issued for nobody', async () => {
    const { view } = await client.views.open({ trigger_id: fake.issueTriggerId(), view: modal('Anon') });
    expect(view?.id).toMatch(/^V\d{4}$/);
    expect(fake.view(view?.id ?? '')?.user_id).toBeUndefined();
    fake.assertNoViolations();
  });
});

describe('answerSubmission', () => {
  it('closes the submitted view on an empty ack, and every view on clear', async () => {
    await openFor('U1', 'Root');
    const { view } = await client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal('Top') });
    expect(fake.answerSubmission('U1', view?.id ?? '', undefined)).toEqual({});
    expect(titles('U1')).toEqual(['Root']);
    await client.views.push({ trigger_id: fake.issueTriggerId('U1'), view: modal('Again') });
    const top = fake.modalStack('U1')[1]?.id ?? '';
    fake.answerSubmission('U1', top, { response_action: 'clear' });
    expect(fake.modalStack('U1')).toEqual([]);
    fake.assertNoViolations();
  });

  it('updates the submitted view, or records why Slack would refuse the new one', async () => {
    const id = await openFor('U1', 'Form');
    fake.answerSubmission('U1', id, { response_action: 'update', view: modal('Thanks') });
    expect(titles('U1')).toEqual(['Thanks']);
    expect(fake.modalStack('U1')[0]?.id).toBe(id);
    fake.assertNoViolations();
    fake.answerSubmission('U1', id, {
      response_action: 'update',
      view: modal('A title far too long for Slack'),
    });
    expect(titles('U1')).toEqual(['Thanks']);
    expect(fake.violations).toEqual([expect.stringContaining('view.title')]);
  });

  it('pushes a view from the ack, up to the limit of 3', async () => {
    const id = await openFor('U1', 'One');
    fake.answerSubmission('U1', id, { response_action: 'push', view: modal('Two') });
    const two = fake.modalStack('U1')[1];
    expect(two).toMatchObject({ root_view_id: id, previous_view_id: id, user_id: 'U1' });
    fake.answerSubmission(
      'U1',
      two?.id ?? '',
      JSON.stringify({ response_action: 'push', view: modal('Three') }),
    );
    const three = fake.modalStack('U1')[2]?.id ?? '';
    fake.answerSubmission('U1', three, { response_action: 'push', view: modal('Four') });
    expect(titles('U1')).toEqual(['One', 'Two', 'Three']);
    expect(fake.violations).toEqual([expect.stringContaining('push_limit_reached')]);
  });

  it('answers errors for input blocks, and rejects errors for any other block_id', async () => {
    const id = await openFor('U1', 'Form', [input('title'), section('About')]);
    const errors = { title: 'Give it a title' };
    expect(fake.answerSubmission('U1', id, { response_action: 'errors', errors })).toEqual({ errors });
    expect(titles('U1')).toEqual(['Form']);
    fake.assertNoViolations();
    const stray = fake.answerSubmission('U1', id, { response_action: 'errors', errors: { nope: 'x' } });
    expect(stray).toEqual({});
    expect(titles('U1')).toEqual(['Form']);
    expect(fake.violations).toEqual([expect.stringContaining('nope, not an input block')]);
  });

  it('records anything else and keeps the view', async () => {
    const id = await openFor('U1', 'Form');
    fake.answerSubmission('U1', id, { response_action: 'close' });
    fake.answerSubmission('U1', id, 'not json');
    expect(titles('U1')).toEqual(['Form']);
    expect(fake.violations).toEqual([
      expect.stringContaining('Slack cannot act on'),
      expect.stringContaining('not a JSON object'),
    ]);
  });
});

describe('response_url with its context', () => {
  it('replaces and deletes the channel message it came from', async () => {
    const card = await client.chat.postMessage({ channel: 'C1', text: 'card', blocks: [section('v1')] });
    const url = fake.issueResponseUrl({ userId: 'U1', channelId: 'C1', messageTs: card.ts ?? '' });
    expect((await postJson(url, { replace_original: true, text: 'card v2' })).status).toBe(200);
    expect(fake.messages('C1')).toEqual([expect.objectContaining({ ts: card.ts, text: 'card v2' })]);
    expect(fake.messages('C1')[0]?.blocks).toBeUndefined();
    await postJson(url, { delete_original: true });
    expect(fake.messages('C1')).toEqual([]);
    fake.assertNoViolations();
  });

  it('replaces or deletes an ephemeral source, which stays the viewer’s only', async () => {
    const { message_ts } = await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'page 1' });
    const source = { userId: 'U1', channelId: 'C1', messageTs: message_ts ?? '', ephemeral: true };
    await postJson(fake.issueResponseUrl(source), { replace_original: true, text: 'page 2' });
    expect(fake.ephemerals('C1', 'U1').map((m) => m.text)).toEqual(['page 2']);
    expect(fake.messages('C1')).toEqual([]);
    await postJson(fake.issueResponseUrl(source), { delete_original: true });
    expect(fake.ephemerals('C1', 'U1')).toEqual([]);
  });

  it('posts in the channel (in the thread) for in_channel, else an ephemeral for the person', async () => {
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'card' });
    const where = { userId: 'U1', channelId: 'C1', messageTs: parent.ts ?? '', threadTs: parent.ts ?? '' };
    await postJson(fake.issueResponseUrl(where), { response_type: 'in_channel', text: 'for all' });
    await postJson(fake.issueResponseUrl(where), { text: 'for you' });
    expect(fake.messages('C1').map((m) => [m.text, m.thread_ts, m.user])).toEqual([
      ['card', undefined, 'UBOT'],
      ['for all', parent.ts, 'UBOT'],
    ]);
    expect(fake.ephemerals('C1', 'U1')).toEqual([
      expect.objectContaining({ text: 'for you', thread_ts: parent.ts, user: 'U1' }),
    ]);
    expect(fake.ephemerals('C1', 'U2')).toEqual([]);
  });

  it('only records a body refused by the checks, or one sent to a url issued without context', async () => {
    const where = { userId: 'U1', channelId: 'C1' };
    const blocks = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    expect((await postJson(fake.issueResponseUrl(where), { text: 'big', blocks })).status).toBe(400);
    const plain = fake.issueResponseUrl();
    await postJson(plain, { response_type: 'in_channel', text: 'recorded' });
    expect(fake.responses(plain)).toEqual([{ response_type: 'in_channel', text: 'recorded' }]);
    expect(fake.messages('C1')).toEqual([]);
    expect(fake.ephemerals('C1', 'U1')).toEqual([]);
  });
});

describe('ephemerals', () => {
  it('stores chat.postEphemeral for its recipient only, in its thread, answering its ts', async () => {
    const res = await client.chat.postEphemeral({
      channel: 'C1',
      user: 'U1',
      text: 'psst',
      thread_ts: '1.000001',
    });
    expect(fake.ephemerals('C1', 'U1')).toEqual([
      expect.objectContaining({
        ts: res.message_ts,
        user: 'U1',
        text: 'psst',
        thread_ts: '1.000001',
        channel: 'C1',
      }),
    ]);
    expect(fake.ephemerals('C1', 'U2')).toEqual([]);
    expect(fake.messages('C1')).toEqual([]);
    expect((await client.conversations.history({ channel: 'C1' })).messages).toEqual([]);
    fake.removeEphemeral('C1', 'U1', res.message_ts ?? '');
    expect(fake.ephemerals('C1', 'U1')).toEqual([]);
  });

  it('shows a slash command’s ack body to its invoker, checked like a message', () => {
    const ts = fake.addEphemeral('C1', 'U1', { text: 'Filed DEBT-1', blocks: [section('Filed')] });
    expect(fake.ephemerals('C1', 'U1')).toEqual([expect.objectContaining({ ts, text: 'Filed DEBT-1' })]);
    expect(fake.addEphemeral('C1', 'U1', {})).toBe('');
    const blocks = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    expect(fake.addEphemeral('C1', 'U1', { text: 'too big', blocks })).toBe('');
    expect(fake.ephemerals('C1', 'U1')).toHaveLength(1);
    expect(fake.violations).toEqual([expect.stringContaining('slash command ack: blocks')]);
  });
});

describe('people, threads and listings', () => {
  it('posts a person’s message and reply; history shows them and the thread summary', async () => {
    const parent = fake.postUserMessage('C1', 'U1', 'flaky test again');
    expect(parent).toMatchObject({ user: 'U1', channel: 'C1' });
    expect(parent.bot_id).toBeUndefined();
    const reply = await client.chat.postMessage({ channel: 'C1', text: 'noted', thread_ts: parent.ts });
    const own = fake.postUserMessage('C1', 'U2', 'me too', parent.ts);
    const { messages } = await client.conversations.history({ channel: 'C1' });
    expect(messages).toEqual([
      expect.objectContaining({
        ts: parent.ts,
        user: 'U1',
        text: 'flaky test again',
        thread_ts: parent.ts,
        reply_count: 2,
        reply_users_count: 2,
        reply_users: ['UBOT', 'U2'],
        latest_reply: own.ts,
      }),
    ]);
    expect(messages?.[0]).not.toHaveProperty('bot_id');
    fake.deleteMessage('C1', own.ts);
    expect(fake.messages('C1')[0]).toMatchObject({ reply_count: 1, latest_reply: reply.ts });
    expect(() => fake.postUserMessage('C404', 'U1', 'x')).toThrow(/C404/);
    fake.removeChannel('C1');
    expect(() => fake.postUserMessage('C1', 'U1', 'x')).toThrow(/C1/);
  });

  it('lists the people set up, the bot, the channels not removed, a view and a Home tab', async () => {
    fake.setUser('U1', { name: 'ana', is_admin: true });
    fake.setChannel('G1', { name: 'research', is_private: true, members: ['U1'] });
    fake.setChannel('C9', { name: 'gone' });
    fake.removeChannel('C9');
    expect(fake.users().map((u) => [u.id, u.name, u.is_bot])).toEqual(
      expect.arrayContaining([
        ['U1', 'ana', false],
        ['UBOT', 'ubot', true],
      ]),
    );
    expect(fake.users().at(-1)?.id).toBe('UBOT');
    expect(fake.channels().map((c) => c.id)).toEqual(['C1', 'G1']);
    expect(fake.channels()[1]).toMatchObject({ is_private: true, members: ['U1'] });
    const { view } = await client.views.publish({
      user_id: 'U1',
      view: { type: 'home', blocks: [section('hi')] },
    });
    expect(fake.home('U1')).toMatchObject({ id: view?.id, type: 'home', user_id: 'U1' });
    expect(fake.view(view?.id ?? '')?.type).toBe('home');
    expect(fake.home('U2')).toBeUndefined();
    expect(fake.view('V9999')).toBeUndefined();
  });
});

describe('resetWorkspace', () => {
  it('forgets ephemerals, modals, triggers, response_urls and calls; reset() keeps issued urls', async () => {
    const kept = fake.issueResponseUrl();
    fake.reset();
    expect((await postJson(kept, { text: 'still valid' })).status).toBe(200);
    await openFor('U1', 'Open');
    fake.addEphemeral('C1', 'U1', { text: 'hi' });
    const trigger = fake.issueTriggerId('U1');
    const url = fake.issueResponseUrl({ userId: 'U1', channelId: 'C1' });
    const before = fake.version;
    fake.resetWorkspace();
    expect(fake.version).toBeGreaterThan(before);
    expect([fake.modalStack('U1'), fake.ephemerals('C1', 'U1'), fake.calls]).toEqual([[], [], []]);
    expect(fake.channels().map((c) => c.id)).toContain('C1');
    expect((await postJson(url, { text: 'late' })).status).toBe(404);
    await expect(client.views.open({ trigger_id: trigger, view: modal('x') })).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
  });
});
