// uploadFile against the fake Slack: bytes arrive intact from memory or disk, rate limits are waited out per step,
// and a failed upload POST is an error classifySlackError can read.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UploadHttpError, uploadFile } from '../../src/features/upload-file.ts';
import { classifySlackError } from '../../src/lib/slack-errors.ts';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';

let fake: FakeSlack;
let client: WebClient;
const dir = mkdtempSync(join(tmpdir(), 'upload-file-'));

beforeAll(async () => {
  fake = await FakeSlack.start({});
  // As the workers' client (src/start-workers.ts): no retries of its own, rate limits thrown to the caller.
  client = new WebClient('xoxb-test', {
    slackApiUrl: fake.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => fake.reset());

describe('uploadFile', () => {
  it('uploads bytes from memory with their title and alt text, and shares them with a comment', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      randomBytes(5000),
    ]);
    fake.setChannel('C0CHART', { is_member: true });
    const { fileId } = await uploadFile(client, {
      filename: 'trend.png',
      title: 'Debt trend',
      content: png,
      altText: 'Open interest rose from 10 to 14 hours a week',
      channelId: 'C0CHART',
      initialComment: 'This week in debt',
    });
    const file = fake.file(fileId);
    expect(file?.bytes.equals(png)).toBe(true);
    expect(file).toMatchObject({
      title: 'Debt trend',
      altText: 'Open interest rose from 10 to 14 hours a week',
      completed: true,
      channels: ['C0CHART'],
    });
    expect(fake.messages('C0CHART')).toEqual([
      expect.objectContaining({
        text: 'This week in debt',
        files: [expect.objectContaining({ id: fileId })],
      }),
    ]);
    fake.assertNoViolations();
  });

  it('streams a file from disk, byte for byte, into a DM', async () => {
    const path = join(dir, 'export.csv');
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    writeFileSync(path, bytes);
    const dm = (await client.conversations.open({ users: 'U0ALICE' })).channel?.id ?? '';
    const { fileId } = await uploadFile(client, {
      filename: 'export.csv',
      title: 'Debt export',
      content: { path },
      channelId: dm,
    });
    expect(fake.file(fileId)?.length).toBe(bytes.length);
    expect(fake.file(fileId)?.bytes.equals(bytes)).toBe(true);
    expect(fake.callsTo('upload')[0]?.args.content_type).toBe('application/octet-stream');
    expect(fake.messages('U0ALICE')[0]?.files).toHaveLength(1);
    fake.assertNoViolations();
  });

  it('waits out Retry-After on each step, and gives up after three tries', async () => {
    fake.failNext('files.getUploadURLExternal', { error: 'ratelimited', retryAfter: 1 });
    fake.failNext('upload', { status: 429, retryAfter: 1 });
    const { fileId } = await uploadFile(client, {
      filename: 'a.csv',
      title: 'A',
      content: Buffer.from('a,b'),
    });
    const [first, second] = fake.callsTo('files.getUploadURLExternal');
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(fake.callsTo('upload')).toHaveLength(2);
    expect(fake.file(fileId)?.completed).toBe(true);

    fake.failNext('files.completeUploadExternal', { error: 'ratelimited', retryAfter: 1 }, 3);
    const error = await uploadFile(client, {
      filename: 'b.csv',
      title: 'B',
      content: Buffer.from('b'),
    }).catch((e: unknown) => e);
    expect(classifySlackError(error)).toEqual({
      kind: 'rate_limited',
      error: 'ratelimited',
      retryAfterSeconds: 1,
    });
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(4);
  }, 15_000);

  it('throws a classifiable error when the upload POST fails, and completes nothing', async () => {
    fake.failNext('upload', { status: 500 });
    const error = await uploadFile(client, {
      filename: 'a.csv',
      title: 'A',
      content: Buffer.from('x'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadHttpError);
    expect((error as Error).message).toMatch(/upload service answered HTTP 500/);
    expect(classifySlackError(error)).toEqual({ kind: 'transient', error: 'http_500' });
    expect(fake.callsTo('files.completeUploadExternal')).toHaveLength(0);

    fake.failNext('upload', { drop: true });
    const dropped = await uploadFile(client, {
      filename: 'a.csv',
      title: 'A',
      content: Buffer.from('x'),
    }).catch((e: unknown) => e);
    expect(classifySlackError(dropped)).toMatchObject({ kind: 'transient', error: 'request_error' });
  });

  it('passes on what Slack refused', async () => {
    fake.removeChannel('C0GONE');
    await expect(
      uploadFile(client, { filename: 'a.csv', title: 'A', content: Buffer.from('x'), channelId: 'C0GONE' }),
    ).rejects.toMatchObject({ data: { error: 'channel_not_found' } });
  });
});
