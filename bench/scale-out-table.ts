// The scale-out figures as Markdown tables (printed by the bench, pasted into the README's "Scale-out" section).
import type { measureBursts } from './scale-out-burst.ts';
import type { measureDigestDrain } from './scale-out-digests.ts';
import type { measureThroughput } from './scale-out-throughput.ts';

export interface TargetFigures {
  where: string;
  throughput?: Awaited<ReturnType<typeof measureThroughput>>;
  burst?: Awaited<ReturnType<typeof measureBursts>>;
  digests?: Awaited<ReturnType<typeof measureDigestDrain>>;
}

export type TargetResult = TargetFigures | { notRun: string };

const REQUEST: Record<string, string> = { list: '`/debt list` (20 items)', vote: 'vote click' };
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
const secs = (ms: number) => (ms / 1000).toFixed(1);

function throughputRows(redis: string, t: NonNullable<TargetFigures['throughput']>): string[] {
  return t.kinds.map(({ kind, figures: f, ratios: r }) =>
    row([
      redis,
      REQUEST[kind] ?? kind,
      `${f.app1.throughput} / ${f.app2.throughput}`,
      `${f.bare1.throughput} / ${f.bare2.throughput}`,
      `${r.app1OverBare1}× / ${r.app2OverBare2}×`,
      `${r.app2OverApp1}×`,
      `${r.bare2OverBare1}×`,
      `${f.app1.p99} / ${f.app2.p99}`,
      `${f.bare1.p99} / ${f.bare2.p99}`,
      (f.app1.errors ?? 0) + (f.app2.errors ?? 0),
    ]),
  );
}

function burstRows(redis: string, b: NonNullable<TargetFigures['burst']>): string[] {
  return b.results.map((r) =>
    'error' in r
      ? row([redis, `${r.webs} × ${r.workers}`, `failed: ${r.error}`, '', '', '', '', ''])
      : row([
          redis,
          `${r.webs} × ${r.workers}`,
          `${r.votesCounted} of ${r.voters}`,
          `${secs(r.burstMs)} (${r.inFlightMax})`,
          `${secs(r.slowestAckMs)} (${r.acksOver3s})`,
          secs(r.settleMs),
          `${r.updatesPerMessage.card} / ${r.updatesPerMessage.panel}`,
          r.failedRequests,
        ]),
  );
}

function digestRows(redis: string, d: NonNullable<TargetFigures['digests']>): string[] {
  return d.results.map((r) =>
    'error' in r
      ? row([redis, r.workers, `failed: ${r.error}`, '', '', '', '', '', ''])
      : row([
          redis,
          r.workers,
          secs(r.drainMs),
          `${secs(r.slackForcedMs)} s: ${r.drainOverSlackForced}×`,
          `${secs(r.uploadForcedMs)} s: ${r.drainOverUploadForced}×`,
          r.duplicates,
          r.missing,
          `${r.withChart} of ${d.channels}`,
          r.rateLimited,
        ]),
  );
}

export function scaleOutTables(results: Record<string, TargetResult>): string {
  const tput = [
    row([
      'Redis',
      'request',
      'app req/s, 1 / 2 webs',
      'bare Bolt req/s, 1 / 2',
      'app ÷ bare, 1 / 2',
      '2 webs ÷ 1',
      'bare 2 ÷ 1',
      'app ack p99 ms, 1 / 2',
      'bare ack p99 ms, 1 / 2',
      'errors',
    ]),
    row(Array(10).fill('---')),
  ];
  const burst = [
    row([
      'Redis',
      'webs × workers',
      'votes counted',
      'last ack at s (most in flight)',
      'slowest ack s (acks over 3 s)',
      'settle s',
      'chat.update card / panel',
      'failed',
    ]),
    row(Array(8).fill('---')),
  ];
  const drain = [
    row([
      'Redis',
      'workers',
      'drain s',
      'posting limit forces: drain ÷',
      'chart uploads would force: drain ÷',
      'duplicates',
      'missed',
      'with chart',
      '429s',
    ]),
    row(Array(9).fill('---')),
  ];
  const notRun: string[] = [];
  for (const [redis, r] of Object.entries(results)) {
    if ('notRun' in r) {
      notRun.push(`${redis}: not run: ${r.notRun}`);
      continue;
    }
    if (r.throughput) tput.push(...throughputRows(redis, r.throughput));
    if (r.burst) burst.push(...burstRows(redis, r.burst));
    if (r.digests) drain.push(...digestRows(redis, r.digests));
  }
  return [tput, burst, drain, notRun].map((lines) => lines.join('\n')).join('\n\n');
}
