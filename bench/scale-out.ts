// One vs two `start:web` and one vs two `start:worker` processes, on one Redis and on a Redis Cluster (issue 12,
// part 5): throughput at saturation beside bare Bolt, a vote burst counted from Redis, and a digest drain against
// Slack's posting limits. The app processes run from the sources (test/support/cluster.ts), as the tests run them.
//   npm run bench -- scale-out [--redis=single|cluster|both]
// Default both: the cluster is three masters started for the run from the redis-server binary
// (test/support/redis-cluster.ts); without that binary, or while the app cannot use REDIS_CLUSTER_NODES, its
// figures say "not run" and why. Sizes keep a run near 5–6 minutes per Redis on a 2-core machine; env overrides:
// BENCH_ROUNDS (3), BENCH_SCALE_SECONDS (3), BENCH_SCALE_VOTERS (2000), BENCH_SCALE_BURST_SECONDS (5),
// BENCH_SCALE_CHANNELS (120; the 1,000 take 7–10 minutes per worker count: each digest uploads a chart),
// BENCH_SCALE_PARTS (throughput,burst,digests), BENCH_SCALE_RESULT (scale-out: the name of the results file).
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { ROOT } from './floor-setup.ts';
import { measureBursts } from './scale-out-burst.ts';
import { measureDigestDrain } from './scale-out-digests.ts';
import { clusterTarget, type RedisTarget, type RedisTargetName, singleTarget } from './scale-out-redis.ts';
import { scaleOutTables, type TargetFigures, type TargetResult } from './scale-out-table.ts';
import { measureThroughput } from './scale-out-throughput.ts';
import { writeResult } from './stats.ts';

const PARTS = ['throughput', 'burst', 'digests'] as const;

const sizes = {
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  durationMs: Number(process.env.BENCH_SCALE_SECONDS ?? 3) * 1000,
  voters: Number(process.env.BENCH_SCALE_VOTERS ?? 2000),
  burstSeconds: Number(process.env.BENCH_SCALE_BURST_SECONDS ?? 5),
  channels: Number(process.env.BENCH_SCALE_CHANNELS ?? 120),
};
const parts = new Set(process.env.BENCH_SCALE_PARTS?.split(',') ?? PARTS);

function redisChoice(): RedisTargetName[] {
  const arg = process.argv.find((a) => a.startsWith('--redis='))?.slice('--redis='.length) ?? 'both';
  if (arg === 'single' || arg === 'cluster') return [arg];
  if (arg === 'both') return ['single', 'cluster'];
  throw new Error(`--redis must be single, cluster or both, not ${arg}`);
}

/** The commit, and the files under measurement that differ from it (others may be editing them meanwhile). */
function sources() {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const changed = git('status', '--porcelain', '--', 'src', 'blocks', 'jobs', 'test/support', 'bench');
  return { commit: git('rev-parse', '--short', 'HEAD'), uncommitted: changed.split('\n').filter(Boolean) };
}

/** A part's figures with how long it took and how busy the machine was around it (1-minute load average). */
async function timed<T>(run: () => Promise<T>) {
  const before = loadavg()[0] ?? Number.NaN;
  const started = Date.now();
  const figures = await run();
  const load = { before: Math.round(before * 10) / 10, after: Math.round((loadavg()[0] ?? 0) * 10) / 10 };
  return { ...figures, seconds: Math.round((Date.now() - started) / 1000), loadAverage1m: load };
}

async function measure(target: RedisTarget): Promise<TargetFigures> {
  const out: TargetFigures = { where: target.where };
  if (parts.has('throughput')) out.throughput = await timed(() => measureThroughput(target, sizes));
  if (parts.has('burst')) out.burst = await timed(() => measureBursts(target, sizes));
  if (parts.has('digests')) out.digests = await timed(() => measureDigestDrain(target, sizes.channels));
  return out;
}

export async function benchScaleOut(): Promise<string> {
  const results: Record<string, TargetResult> = {};
  for (const name of redisChoice()) {
    const target = name === 'single' ? singleTarget() : await clusterTarget();
    if ('notRun' in target) {
      process.stderr.write(`scale-out: ${name}: not run: ${target.notRun}\n`);
      results[name] = target;
      continue;
    }
    try {
      results[name] = await measure(target);
    } finally {
      await target.stop();
    }
  }
  process.stderr.write(`${scaleOutTables(results)}\n`);
  return writeResult(process.env.BENCH_SCALE_RESULT ?? 'scale-out', {
    ...sources(),
    sizes,
    method:
      'App processes: `src/web.ts` and `src/worker.ts` under tsx (test/support/cluster.ts), as the tests run them. ' +
      'Throughput: the app with 2 web + 1 worker processes and 2 bare Bolt apps (bench/bare-bolt.js) all running; a configuration sends to 1 or 2 of them, closed loop with 20 in flight split evenly over its processes, ' +
      `${sizes.rounds} alternating rounds of ${sizes.durationMs / 1000} s per request kind after a 1 s warm-up, medians of rounds; the load generator and the fake Slack in the bench process. ` +
      `Vote burst, webs × workers 1×1, 2×1, 2×2: ${sizes.voters} distinct voters on one item clicking open loop, evenly over ${sizes.burstSeconds} s, from a load process of its own (test/support/burst.ts, click-load.ts), votes counted with HGETALL on the item's vote hash, a fresh fake Slack and prefix per configuration. ` +
      `Digests, 1 and 2 workers: ${sizes.channels} channels configured for a weekly digest and due at the same moment, drained against a fake Slack enforcing 1 chat.postMessage/s per channel and 300/min per workspace (sliding minute); ` +
      'Slack-forced time = channels ÷ 300/min (posting); were every digest to carry its trend chart, the app’s upload budget (Slack’s Tier 4: 20 at once, then 100/min) would force (channels − 20) ÷ 100/min. All processes, the Redis and other engineers’ concurrent test runs share this machine.',
    results,
  });
}
