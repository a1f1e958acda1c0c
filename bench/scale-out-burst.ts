// A vote burst on one item with one or two `start:web` and one or two `start:worker` processes: `voters` distinct
// people clicking evenly over `burstSeconds` (open loop), counted afterwards from Redis itself, with the
// chat.update calls each message got and the time from the last ack to the panel showing every voter
// (test/support/burst.ts).
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { createKeys } from '../src/store/keys.ts';
import { runVoteBurst } from '../test/support/burst.ts';
import { type Cluster, startCluster } from '../test/support/cluster.ts';
import { SIGNING_SECRET, TEAM } from '../test/support/driver.ts';
import { deleteByPrefix, testPrefix } from '../test/support/redis.ts';
import type { RedisTarget } from './scale-out-redis.ts';

/** One then two web processes, then a second worker: each step changes one thing (three, to keep the run short). */
const SHAPES = [
  { webs: 1, workers: 1 },
  { webs: 2, workers: 1 },
  { webs: 2, workers: 2 },
];

export interface BurstOptions {
  voters: number;
  burstSeconds: number;
}

async function oneBurst(target: RedisTarget, shape: (typeof SHAPES)[number], options: BurstOptions) {
  const fake = await FakeSlack.start({ teamId: TEAM });
  const prefix = testPrefix('bench-scale-burst');
  let processes: Cluster | undefined;
  try {
    processes = await startCluster(fake, {
      prefix,
      signingSecret: SIGNING_SECRET,
      ...shape,
      redisEnv: target.env,
    });
    // Open loop, evenly over the window: the voters click when they click, however fast the app answers.
    const burst = await runVoteBurst(
      fake,
      processes.webs.map((w) => w.events),
      { voters: options.voters, inFlight: 0, ratePerSecond: options.voters / options.burstSeconds },
    );
    // Severity votes only: the reporter's frequency vote from the filing modal is the one other field.
    const votes = await target.client.hgetall(createKeys(prefix).votes(TEAM, burst.itemId));
    const counted = Object.keys(votes).filter((field) => field.startsWith('severity:')).length;
    return {
      ...shape,
      voters: burst.voters,
      votesCounted: counted,
      countedExactly: counted === burst.voters,
      failedRequests: burst.failedRequests,
      inFlightMax: burst.inFlightMax,
      slowestAckMs: burst.slowestAckMs,
      acksOver3s: burst.acksOver3s,
      burstMs: burst.burstMs,
      settleMs: burst.settleMs,
      updatesPerMessage: burst.updatesPerMessage,
      minGapMs: burst.minGapMs,
      slackRulesBroken: fake.violations.length,
    };
  } catch (error) {
    // One configuration failing (e.g. the panel never showing every voter) is a result; the others still run.
    return { ...shape, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await processes?.stop();
    await deleteByPrefix(target.client, prefix);
    await fake.close();
  }
}

export async function measureBursts(target: RedisTarget, options: BurstOptions) {
  const results = [];
  for (const shape of SHAPES) {
    const result = await oneBurst(target, shape, options);
    results.push(result);
    process.stderr.write(`scale-out: ${target.name} burst ${JSON.stringify(result)}\n`);
  }
  return { ...options, results };
}
