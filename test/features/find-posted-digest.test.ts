// The digest's duplicate check (SPEC §2.4) follows conversations.history's cursor (SPEC §3.2): a digest
// buried under a busy week's messages is still found, within a bounded number of pages.
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIGEST_EVENT_TYPE } from '../../blocks/ids.ts';
import { findPostedDigest } from '../../src/features/digest/find-posted-digest.ts';
import { FakeSlack } from '../../src/sandbox/fake-slack.ts';

let fake: FakeSlack;
let client: WebClient;

beforeAll(async () => {
  fake = await FakeSlack.start({});
  client = new WebClient('xoxb-test', { slackApiUrl: fake.url, retryConfig: { retries: 0 } });
});
afterAll(() => fake.close());

describe('finding this week’s posted digest in the channel history', () => {
  it('finds it on a later page and returns null for a week never posted', async () => {
    const slot = Date.now() - 60_000;
    fake.setChannel('CBUSY', { is_member: true });
    const digest = await client.chat.postMessage({
      channel: 'CBUSY',
      text: 'Weekly debt digest',
      metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { week: '2026-W49' } },
    });
    // More than one page (200) of chatter after it: the digest is on page 2, newest first.
    for (let i = 0; i < 230; i++) await client.chat.postMessage({ channel: 'CBUSY', text: `chatter ${i}` });
    expect(await findPostedDigest(client, 'CBUSY', '2026-W49', slot)).toBe(digest.ts);
    const pages = fake.callsTo('conversations.history').length;
    expect(pages).toBe(2);
    expect(fake.callsTo('conversations.history')[1]?.args.cursor).toBeTruthy();
    expect(await findPostedDigest(client, 'CBUSY', '2026-W50', slot)).toBeNull();
  });
});
