import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import { testManifest } from './fake-slack-manifest.ts';

const manifest = testManifest('fake-slack');

let now = Date.now();
let fake: FakeSlack;
let client: WebClient;

beforeAll(async () => {
  fake = await FakeSlack.start({ manifestPath: manifest, now: () => now });
  client = new WebClient('xoxb-test', {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  now = Date.now();
  fake.reset();
});

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('FakeSlack emulated methods', () => {
  it('answers auth.test, users.info and conversations.*', async () => {
    expect(await client.auth.test()).toMatchObject({ ok: true, team_id: 'T0FAKE', user_id: 'UBOT' });
    fake.setUser('U1', { is_admin: true, tz: 'America/New_York' });
    const { user } = await client.users.info({ user: 'U1' });
    expect(user).toMatchObject({
      id: 'U1',
      is_admin: true,
      is_owner: false,
      tz: 'America/New_York',
      deleted: false,
    });
    expect((await client.users.info({ user: 'U2' })).user?.tz).toBe('Europe/Berlin');
    fake.setChannel('C9', { is_private: true, is_member: true, is_archived: false });
    const info = await client.conversations.info({ channel: 'C9' });
    expect(info.channel).toMatchObject({ id: 'C9', is_private: true, is_member: true, is_archived: false });
    expect((await client.conversations.open({ users: 'U1' })).channel?.id).toBe('DU1');
    fake.assertNoViolations();
  });

  it('posts, threads, updates and links messages with increasing ts', async () => {
    const metadata = { event_type: 'debt_digest', event_payload: { week: '2025-W01' } };
    const a = await client.chat.postMessage({
      channel: 'C1',
      text: 'card',
      blocks: [section('card')],
      metadata,
    });
    const b = await client.chat.postMessage({ channel: 'C1', text: 'panel', thread_ts: a.ts });
    expect(a.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(b.ts)).toBeGreaterThan(Number(a.ts));
    expect(fake.messages('C1').map((m) => [m.text, m.thread_ts])).toEqual([
      ['card', undefined],
      ['panel', a.ts],
    ]);
    await client.chat.update({ channel: 'C1', ts: a.ts ?? '', text: 'card v2', blocks: [section('v2')] });
    expect(fake.messages('C1')[0]?.text).toBe('card v2');
    await expect(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' })).rejects.toMatchObject({
      data: { error: 'message_not_found' },
    });
    const link = await client.chat.getPermalink({ channel: 'C1', message_ts: a.ts ?? '' });
    expect(link.permalink).toBe(`https://fake.slack.com/archives/C1/p${a.ts?.replace('.', '')}`);
    expect(
      (await client.chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'hi' })).message_ts,
    ).toBeTruthy();
    expect((await client.chat.postMessage({ channel: 'U7', text: 'dm' })).channel).toBe('DU7');
    expect(fake.messages('U7')).toHaveLength(1);
  });

  it('serves conversations.history newest first, honouring oldest, limit and metadata', async () => {
    const metadata = { event_type: 'debt_digest', event_payload: { week: 'W1' } };
    const first = await client.chat.postMessage({ channel: 'C2', text: 'one', metadata });
    await client.chat.postMessage({ channel: 'C2', text: 'two' });
    await client.chat.postMessage({ channel: 'C2', text: 'three' });
    const all = await client.conversations.history({ channel: 'C2', limit: 2 });
    expect(all.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    expect(all.has_more).toBe(true);
    const newer = await client.conversations.history({ channel: 'C2', oldest: first.ts });
    expect(newer.messages?.map((m) => m.text)).toEqual(['three', 'two']);
    const plain = await client.conversations.history({ channel: 'C2' });
    expect(plain.messages?.[2]?.metadata).toBeUndefined();
    const withMeta = await client.conversations.history({ channel: 'C2', include_all_metadata: true });
    expect(withMeta.messages?.[2]?.metadata).toEqual(metadata);
    // The next page through response_metadata.next_cursor; the last page has an empty cursor.
    const cursor = all.response_metadata?.next_cursor;
    expect(cursor).toBeTruthy();
    const rest = await client.conversations.history({ channel: 'C2', limit: 2, cursor });
    expect(rest.messages?.map((m) => m.text)).toEqual(['one']);
    expect(rest.response_metadata?.next_cursor).toBe('');
  });

  it('refuses private channels without the bot and archived channels', async () => {
    fake.setChannel('G1', { is_private: true, is_member: false, is_archived: false });
    fake.setChannel('C3', { is_private: false, is_member: true, is_archived: true });
    await expect(client.chat.postMessage({ channel: 'G1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    await expect(client.chat.postMessage({ channel: 'C3', text: 'x' })).rejects.toMatchObject({
      data: { error: 'is_archived' },
    });
  });

  it('opens, updates and publishes views', async () => {
    const view = {
      type: 'modal' as const,
      title: { type: 'plain_text' as const, text: 'File debt' },
      blocks: [],
    };
    const opened = await client.views.open({ trigger_id: fake.issueTriggerId(), view });
    expect(opened.view).toMatchObject({ id: 'V0001', type: 'modal', title: { text: 'File debt' } });
    const hash = opened.view?.hash ?? '';
    await client.views.update({ view_id: 'V0001', hash, view });
    await expect(client.views.update({ view_id: 'V0001', hash, view })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    const home = await client.views.publish({
      user_id: 'U1',
      view: { type: 'home', blocks: [section('hi')] },
    });
    expect(home.view?.id).toMatch(/^V\d{4}$/);
    fake.assertNoViolations();
  });
});

describe('FakeSlack platform rules', () => {
  const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'T' }, blocks: [] };

  it('records a reused or expired trigger_id', async () => {
    const trigger = fake.issueTriggerId();
    await client.views.open({ trigger_id: trigger, view: modal });
    await expect(client.views.open({ trigger_id: trigger, view: modal })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
    const late = fake.issueTriggerId();
    now += 3_001;
    await expect(client.views.push({ trigger_id: late, view: modal })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });
    expect(fake.violations).toEqual([
      expect.stringMatching(/used twice/),
      expect.stringMatching(/after 3001 ms/),
    ]);
    expect(() => fake.assertNoViolations()).toThrow(/used twice/);
  });

  it('refuses the 6th use of a response_url and a use after 30 minutes', async () => {
    const url = fake.issueResponseUrl();
    const post = (text: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
    for (let i = 1; i <= 5; i++) expect((await post(`use ${i}`)).status).toBe(200);
    const sixth = await post('use 6');
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(fake.responses(url).map((r) => r.text)).toEqual(['use 1', 'use 2', 'use 3', 'use 4', 'use 5']);
    const stale = fake.issueResponseUrl();
    now += 30 * 60_000 + 1;
    expect((await fetch(stale, { method: 'POST', body: '{"text":"late"}' })).status).toBe(404);
    expect(fake.violations).toHaveLength(2);
  });

  it('takes a slash command’s ack body as its answer, checked like a message, without using up the response_url', async () => {
    const url = fake.issueResponseUrl();
    const answer = { response_type: 'ephemeral', text: 'Your list', blocks: [section('DEBT-1')] };
    expect(fake.commandAcked(url, { text: JSON.stringify(answer), json: answer })).toBe(true);
    expect(fake.responses(url)).toEqual([answer]);
    expect(fake.callsTo('command_ack')).toEqual([expect.objectContaining({ args: { ...answer, url } })]);
    // An empty ack shows nothing; a body that is not JSON is plain text to Slack.
    expect(fake.commandAcked(url, { text: '' })).toBe(false);
    expect(fake.commandAcked(url, { text: 'plain words' })).toBe(true);
    expect(fake.responses(url).map((r) => r.text)).toEqual(['Your list', 'plain words']);
    // The response_url keeps all its 5 uses.
    for (let i = 1; i <= 5; i++)
      expect((await fetch(url, { method: 'POST', body: `{"text":"use ${i}"}` })).status).toBe(200);
    expect(fake.violations).toEqual([]);

    // Block Kit limits hold for ack bodies as for any message: Slack shows nothing of one that breaks them.
    const tooBig = fake.issueResponseUrl();
    const blocks = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    expect(fake.commandAcked(tooBig, { text: '', json: { text: 'too big', blocks } })).toBe(false);
    expect(fake.responses(tooBig)).toEqual([]);
    expect(fake.violations).toEqual([expect.stringContaining('slash command ack: blocks')]);
  });

  it('surfaces 429 Retry-After to WebClient as a rate-limit error, and 500s and errors as such', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const limited = await client.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(WebAPIRateLimitedError);
    expect(limited).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    fake.failNext('chat.update', { status: 500 });
    await expect(client.chat.update({ channel: 'C1', ts: '1.1', text: 'x' })).rejects.toMatchObject({
      code: ErrorCode.HTTPError,
      statusCode: 500,
    });
    fake.failNext('users.info', { error: 'account_inactive' }, 2);
    for (let i = 0; i < 2; i++) {
      await expect(client.users.info({ user: 'U1' })).rejects.toMatchObject({
        data: { error: 'account_inactive' },
      });
    }
    expect((await client.users.info({ user: 'U1' })).ok).toBe(true);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(fake.messages('C1')).toHaveLength(0);
  });

  it('catches tainted or special-mention text and lets escaped text pass', async () => {
    const input = '<!channel> <@U123> <http://x|y> & co';
    fake.taint(input);
    const escaped = input.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    await client.chat.postMessage({ channel: 'C1', text: escaped, blocks: [section(escaped)] });
    fake.assertNoViolations();
    await client.chat.postMessage({ channel: 'C1', text: 'ok', blocks: [section(`Filed: ${input}`)] });
    await client.chat.postMessage({ channel: 'C1', text: 'hey <!here>', link_names: true });
    expect(fake.violations).toEqual([
      expect.stringMatching(/blocks\[0\]\.text\.text: contains a special mention/),
      expect.stringMatching(/blocks\[0\]\.text\.text: unescaped user text/),
      expect.stringMatching(/text: contains a special mention/),
      expect.stringMatching(/link_names is set/),
    ]);
  });

  it('rejects a 51-block message with invalid_blocks and records it', async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`b${i}`));
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x', blocks })).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    expect(fake.violations).toEqual([expect.stringContaining('51 items > 50')]);
    expect(fake.messages('C1')).toHaveLength(0);
  });

  it('withholds a reply until released, after processing the call', async () => {
    const { held, release } = fake.hold('chat.postMessage');
    let settled = false;
    const posting = client.chat.postMessage({ channel: 'C1', text: 'held' }).finally(() => {
      settled = true;
    });
    const call = await held;
    expect(call.args).toMatchObject({ channel: 'C1', text: 'held' });
    expect(fake.messages('C1')).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    release();
    expect((await posting).ok).toBe(true);
  });

  it('flags unknown methods and methods the manifest does not allow', async () => {
    await expect(client.apiCall('chat.meow')).rejects.toMatchObject({ data: { error: 'unknown_method' } });
    await expect(client.conversations.history({ channel: 'DU1' })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'im:history' },
    });
    expect(fake.violations).toEqual([
      expect.stringContaining('unknown method chat.meow'),
      expect.stringContaining('im:history'),
    ]);
  });

  it('skips scope checks while there is no manifest', async () => {
    const bare = await FakeSlack.start({ manifestPath: join(tmpdir(), 'no-such-manifest.yml') });
    const c = new WebClient('xoxb-test', { slackApiUrl: bare.url, retryConfig: { retries: 0 } });
    expect((await c.conversations.history({ channel: 'DU1' })).ok).toBe(true);
    bare.assertNoViolations();
    await bare.close();
  });

  it('waitFor resolves with the value, or times out listing recent calls', async () => {
    void client.chat.postMessage({ channel: 'C5', text: 'soon' });
    const msg = await fake.waitFor(() => fake.messages('C5')[0]);
    expect(msg.text).toBe('soon');
    await expect(fake.waitFor(() => fake.messages('C6').length > 0, 100)).rejects.toThrow(
      /chat.postMessage .*soon/,
    );
  });
});

describe('FakeSlack file uploads', () => {
  const PNG = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(24, 7),
  ]);
  const post = (url: string, body: Buffer | FormData) => fetch(url, { method: 'POST', body });

  /** The first two steps of the flow: announce, then POST the bytes; returns the file id. */
  async function upload(bytes: Buffer, filename = 'export.csv'): Promise<string> {
    const ticket = await client.files.getUploadURLExternal({ filename, length: bytes.length });
    const res = await post(ticket.upload_url ?? '', bytes);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`OK - ${bytes.length}`);
    return ticket.file_id ?? '';
  }

  const image = (extra: Record<string, unknown>) => ({ type: 'image', alt_text: 'Trend chart', ...extra });
  const postImage = (block: Record<string, unknown>) =>
    client.chat.postMessage({ channel: 'C1', text: 'chart', blocks: [block as never] });

  it('announces, receives and shares a file, with the initial comment as the message text', async () => {
    const bytes = Buffer.from('id,title\r\nDEBT-1,"Flaky, slow"\r\n', 'utf8');
    const ticket = await client.files.getUploadURLExternal({ filename: 'export.csv', length: bytes.length });
    expect(ticket).toMatchObject({ ok: true, file_id: expect.stringMatching(/^F[A-Z0-9]{10}$/) });
    expect(ticket.upload_url).toBe(`${fake.origin}/upload/${ticket.file_id}`);
    expect(await (await post(ticket.upload_url ?? '', bytes)).text()).toBe(`OK - ${bytes.length}`);
    const id = ticket.file_id ?? '';
    const done = await client.files.completeUploadExternal({
      files: [{ id, title: 'Debt export' }],
      channel_id: 'C1',
      initial_comment: 'Your export of <#C1>: 1 item',
    });
    // Right after completion Slack lists no channels yet: sharing happens after the answer.
    expect(done.files).toEqual([expect.objectContaining({ id, title: 'Debt export', channels: [] })]);
    expect(fake.file(id)).toMatchObject({ name: 'export.csv', title: 'Debt export', completed: true });
    expect(fake.file(id)?.bytes.equals(bytes)).toBe(true);
    expect(fake.file(id)?.channels).toEqual(['C1']);
    const [shared] = fake.messages('C1');
    expect(shared).toMatchObject({ text: 'Your export of <#C1>: 1 item', upload: true });
    expect(shared?.files).toEqual([
      expect.objectContaining({ id, name: 'export.csv', mimetype: 'text/csv' }),
    ]);
    expect(fake.callsTo('upload')).toEqual([
      expect.objectContaining({ args: expect.objectContaining({ file_id: id }) }),
    ]);
    fake.assertNoViolations();
  });

  it('accepts a multipart upload, shares into a DM, and keeps an unshared file private', async () => {
    const form = new FormData();
    form.append('file', new Blob([PNG]), 'trend.png');
    const ticket = await client.files.getUploadURLExternal({ filename: 'trend.png', length: PNG.length });
    expect((await post(ticket.upload_url ?? '', form)).status).toBe(200);
    const dm = (await client.conversations.open({ users: 'U1' })).channel?.id ?? '';
    await client.files.completeUploadExternal({ files: [{ id: ticket.file_id ?? '' }], channel_id: dm });
    expect(fake.messages('U1')[0]?.files).toHaveLength(1);
    expect(fake.file(ticket.file_id ?? '')).toMatchObject({
      title: 'trend.png',
      imageType: 'png',
      channels: ['DU1'],
    });
    const lone = await upload(Buffer.from('x'), 'lone.txt');
    await client.files.completeUploadExternal({ files: [{ id: lone }] });
    expect(fake.file(lone)).toMatchObject({ completed: true, channels: [] });
    expect(fake.files().map((f) => f.id)).toEqual([ticket.file_id, lone]);
  });

  it('answers the documented errors', async () => {
    await expect(client.apiCall('files.getUploadURLExternal', { filename: 'a.csv' })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    await expect(client.files.getUploadURLExternal({ filename: 'a.csv', length: 0 })).rejects.toMatchObject({
      data: { error: 'missing_argument' },
    });
    await expect(client.files.completeUploadExternal({ files: [{ id: 'F0NEVER' }] })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
    // Announced but its bytes never arrived: the ticket has no file yet.
    const announced = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: announced.file_id ?? '' }] }),
    ).rejects.toMatchObject({ data: { error: 'file_not_found' } });
    const id = await upload(Buffer.from('abc'));
    fake.removeChannel('C404');
    await expect(
      client.files.completeUploadExternal({ files: [{ id }], channel_id: 'C404' }),
    ).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
    fake.setChannel('C7', { is_member: false });
    await expect(
      client.files.completeUploadExternal({ files: [{ id }], channel_id: 'C7' }),
    ).rejects.toMatchObject({
      data: { error: 'not_in_channel' },
    });
    // A user id is not a conversation: conversations.open gives the DM's id.
    await expect(
      client.files.completeUploadExternal({ files: [{ id }], channel_id: 'U1' }),
    ).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    expect(fake.file(id)?.completed).toBe(false);
    await client.files.completeUploadExternal({ files: [{ id }] });
    await expect(client.files.completeUploadExternal({ files: [{ id }] })).rejects.toMatchObject({
      data: { error: 'file_not_found' },
    });
    fake.assertNoViolations();
  });

  it('refuses an upload to an unknown URL or of the wrong length with an HTTP error', async () => {
    expect((await post(`${fake.origin}/upload/F0NEVER`, Buffer.from('x'))).status).toBe(404);
    const ticket = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 10 });
    const short = await post(ticket.upload_url ?? '', Buffer.from('abc'));
    expect(short.status).toBe(400);
    expect(await short.text()).toMatch(/3 bytes received, 10 announced/);
    expect(fake.violations).toEqual([expect.stringContaining('3 bytes received, 10 announced')]);
    expect(fake.file(ticket.file_id ?? '')?.uploaded).toBe(false);
  });

  it('fails the files methods and the upload POST on demand', async () => {
    fake.failNext('files.getUploadURLExternal', { error: 'ratelimited', retryAfter: 4 });
    await expect(client.files.getUploadURLExternal({ filename: 'a', length: 1 })).rejects.toMatchObject({
      code: ErrorCode.RateLimitedError,
      retryAfter: 4,
    });
    fake.failNext('upload', { status: 429, retryAfter: 2 });
    fake.failNext('upload', { status: 503 });
    const ticket = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 1 });
    const limited = await post(ticket.upload_url ?? '', Buffer.from('x'));
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
    expect((await post(ticket.upload_url ?? '', Buffer.from('x'))).status).toBe(503);
    expect((await post(ticket.upload_url ?? '', Buffer.from('x'))).status).toBe(200);
    fake.failNext('files.completeUploadExternal', { error: 'internal_error' });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: ticket.file_id ?? '' }] }),
    ).rejects.toMatchObject({ data: { error: 'internal_error' } });
    expect(fake.file(ticket.file_id ?? '')?.completed).toBe(false);
  });

  it('needs files:write', async () => {
    const bare = join(mkdtempSync(join(tmpdir(), 'fake-slack-')), 'manifest.yml');
    writeFileSync(bare, 'oauth_config:\n  scopes:\n    bot: [chat:write]\n');
    const noFiles = await FakeSlack.start({ manifestPath: bare });
    const c = new WebClient('xoxb-test', { slackApiUrl: noFiles.url, retryConfig: { retries: 0 } });
    await expect(c.files.getUploadURLExternal({ filename: 'a', length: 1 })).rejects.toMatchObject({
      data: { error: 'missing_scope', needed: 'files:write' },
    });
    await noFiles.close();
  });

  it('checks image blocks: one source, one way to name the file, alt text and title limits', async () => {
    const refused = async (block: Record<string, unknown>, problem: RegExp) => {
      const error = await postImage(block).catch((e: unknown) => e);
      expect(error).toMatchObject({ data: { error: 'invalid_blocks' } });
      expect(JSON.stringify((error as { data: unknown }).data)).toMatch(problem);
    };
    const url = 'https://example.com/chart.png';
    await refused(image({}), /exactly one of image_url or slack_file/);
    await refused(image({ image_url: url, slack_file: { url } }), /exactly one of image_url or slack_file/);
    await refused(image({ slack_file: { url, id: 'F1' } }), /exactly one of url or id/);
    await refused({ type: 'image', image_url: url }, /alt_text: required/);
    await refused(image({ image_url: url, alt_text: 'a'.repeat(2001) }), /alt_text: 2001 chars > 2000/);
    await refused(image({ image_url: url, title: { type: 'mrkdwn', text: 'x' } }), /plain_text/);
    await refused(
      image({ image_url: url, title: { type: 'plain_text', text: 't'.repeat(2001) } }),
      /2001 chars/,
    );
    expect(
      (await postImage(image({ image_url: url, title: { type: 'plain_text', text: 'Trend' } }))).ok,
    ).toBe(true);
  });

  it('shows only a completed PNG, JPEG or GIF upload by id', async () => {
    await expect(postImage(image({ slack_file: { id: 'F0NEVER' } }))).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    const csv = await upload(Buffer.from('a,b\r\n'));
    await client.files.completeUploadExternal({ files: [{ id: csv }] });
    await expect(postImage(image({ slack_file: { id: csv } }))).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    const png = await upload(PNG, 'trend.png');
    await expect(postImage(image({ slack_file: { id: png } }))).rejects.toMatchObject({
      data: { error: 'invalid_blocks' },
    });
    await client.files.completeUploadExternal({ files: [{ id: png }] });
    expect((await postImage(image({ slack_file: { id: png } }))).ok).toBe(true);
    expect(fake.violations).toEqual([
      expect.stringContaining('no completed upload F0NEVER'),
      expect.stringContaining('is not a PNG, JPEG or GIF'),
      expect.stringContaining(`no completed upload ${png}`),
    ]);
  });

  it('forgets files on reset', async () => {
    await upload(Buffer.from('x'));
    fake.reset();
    expect(fake.files()).toEqual([]);
  });
});

describe('FakeSlack Socket Mode', () => {
  it('refuses apps.connections.open with a bot token', async () => {
    await expect(client.apps.connections.open()).rejects.toThrow(/not_allowed_token_type/);
  });

  it('greets with hello, relays acks with their payload, and flags an envelope left unacked past 3 s', async () => {
    const appClient = new WebClient('xapp-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
    const { url } = await appClient.apps.connections.open();
    const app = new WebSocket(url ?? 'ws://missing');
    const hello = await new Promise<string>((resolve) => app.once('message', (d) => resolve(String(d))));
    expect(JSON.parse(hello)).toMatchObject({ type: 'hello' });
    await fake.socket.connected();

    let answer = true;
    app.on('message', (d) => {
      const { envelope_id } = JSON.parse(String(d)) as { envelope_id: string };
      if (answer) app.send(JSON.stringify({ envelope_id, payload: { response_action: 'clear' } }));
    });
    expect(await fake.socket.deliver('interactive', { type: 'view_submission' })).toEqual({
      status: 200,
      text: '{"response_action":"clear"}',
      json: { response_action: 'clear' },
    });
    expect(fake.violations).toEqual([]);

    answer = false;
    expect((await fake.socket.deliver('slash_commands', { command: '/debt' })).status).toBe(504);
    expect(fake.violations).toEqual([expect.stringContaining('no ack for slash_commands within 3000 ms')]);
    app.close();
  });
});
