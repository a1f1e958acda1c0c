// Read-only commands answer in the ack body when the answer is ready in time, and through the response_url when
// it is not (decision 0026): through the real receiver, as Slack would see it.
import { describe, expect, it, vi } from 'vitest';
import { useHarness } from '../support/harness.ts';

const json = (x: unknown) => JSON.stringify(x);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('answers in the ack body', () => {
  const h = useHarness();

  it('answers list, show and help in the ack body, privately, with nothing sent to the response_url', async () => {
    const id = await h.file({ title: 'Notebook-only feature pipeline', channelId: 'C0ACK' });
    for (const text of ['list', `show DEBT-${id}`, 'help']) {
      const { response, responseUrl, reply } = await h.command(text, { channelId: 'C0ACK' });
      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ response_type: 'ephemeral' });
      // The ack body is the answer the person sees.
      expect(await reply()).toEqual(response.json);
      expect(h.fake.callsTo('command_ack').filter((c) => c.args.url === responseUrl)).toHaveLength(1);
      expect(h.fake.callsTo('response_url').filter((c) => c.args.url === responseUrl)).toEqual([]);
    }
    const listed = await (await h.command('list', { channelId: 'C0ACK' })).reply();
    expect(json(listed)).toContain('Notebook-only feature pipeline');
  });

  it('acks a command that writes empty and answers it through the response_url', async () => {
    const id = await h.file({ title: 'Hand-tuned retry limits', channelId: 'C0ACK' });
    const { response, responseUrl, reply } = await h.command(`start DEBT-${id}`, { channelId: 'C0ACK' });
    expect(response.text).toBe('');
    expect(json(await reply())).toContain('in progress');
    expect(h.fake.callsTo('response_url').filter((c) => c.args.url === responseUrl)).toHaveLength(1);
    expect(h.fake.callsTo('command_ack').filter((c) => c.args.url === responseUrl)).toEqual([]);
  });

  it('acks in time when the store is slow, then answers through the response_url', async () => {
    const id = await h.file({ title: 'Untracked eval dataset', channelId: 'C0SLOW' });
    const listChannel = h.deps.items.listChannel;
    // A store slower than the 2 s deadline, yet an answer well within the response_url's 30 minutes.
    const slow = vi.spyOn(h.deps.items, 'listChannel').mockImplementation(async (...args) => {
      await sleep(2400);
      return listChannel(...args);
    });
    try {
      const started = performance.now();
      const { response, responseUrl, reply } = await h.command('list', { channelId: 'C0SLOW' });
      const ackMs = performance.now() - started;
      expect(ackMs).toBeGreaterThanOrEqual(1900);
      expect(ackMs).toBeLessThan(3000);
      expect(response).toMatchObject({ status: 200, text: '' });
      const answer = await reply();
      expect(answer.response_type).toBe('ephemeral');
      expect(json(answer)).toContain(`DEBT-${id}`);
      expect(h.fake.callsTo('response_url').filter((c) => c.args.url === responseUrl)).toHaveLength(1);
      expect(h.log.join('\n')).toContain('answer not ready within the ack deadline');
    } finally {
      slow.mockRestore();
    }
  });
});
