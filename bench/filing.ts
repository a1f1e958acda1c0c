// Ack latency of the busiest paths through the real receiver: slash commands and modal submissions.
import { startHarness } from '../test/support/harness.ts';
import { summarize, writeResult } from './stats.ts';

const FILINGS = 200;
const CONCURRENCY = 20;

export async function benchFiling(): Promise<string> {
  const h = await startHarness();
  const commandMs: number[] = [];
  const submitMs: number[] = [];
  const listMs: number[] = [];
  try {
    await h.command('');
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[0]);
    const template = h.openedView();
    let next = 0;
    const worker = async () => {
      while (next < FILINGS) {
        const n = next++;
        const t0 = performance.now();
        const cmd = await h.command(`Bench item ${n}`);
        commandMs.push(performance.now() - t0);
        if (cmd.response.status !== 200) throw new Error(`command failed: ${cmd.response.status}`);
        const t1 = performance.now();
        const res = await h.submit(
          { ...template, id: `VBENCH${n}` },
          {
            title: `Bench item ${n} <&>`,
            category: 'pipeline',
            channel: 'C0BENCH',
            severity: '3',
            frequency: String((n % 5) + 1),
          },
        );
        submitMs.push(performance.now() - t1);
        if (res.status !== 200) throw new Error(`submit failed: ${res.status}`);
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const wall = performance.now() - started;
    await h.fake.waitFor(() => h.fake.callsTo('chat.postMessage').length >= FILINGS, 60_000);
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const { reply } = await h.command('list', { channelId: 'C0BENCH' });
      await reply();
      listMs.push(performance.now() - t);
    }
    const violations = h.fake.violations.length;
    return writeResult('filing', {
      filings: FILINGS,
      concurrency: CONCURRENCY,
      wallMs: Math.round(wall),
      slashCommandAckMs: summarize(commandMs),
      viewSubmissionAckMs: summarize(submitMs),
      listOf200ReplyMs: summarize(listMs),
      slackViolations: violations,
    });
  } finally {
    await h.stop();
  }
}
