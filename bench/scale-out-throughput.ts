// Throughput at saturation with one and two `start:web` processes (one `start:worker` behind them), beside one and
// two bare Bolt apps that only ack: closed loop with 20 requests in flight, spread evenly over a configuration's
// processes as a load balancer would; signed `/debt list` and vote clicks; alternating rounds, medians of rounds.
// The floor bench's machinery (bench/floor.ts, bench/floor-setup.ts), so the figures compare with its.
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { startCluster } from '../test/support/cluster.ts';
import { deleteByPrefix, testPrefix } from '../test/support/redis.ts';
import { combine, type Figures, roundFigures, settle } from './floor.ts';
import {
  benchAppEnv,
  type Kind,
  requestMaker,
  SIGNING_SECRET,
  seed,
  startTarget,
  type Target,
} from './floor-setup.ts';
import { type LoadResult, now, type Request, runLoad } from './load.ts';
import type { RedisTarget } from './scale-out-redis.ts';

const IN_FLIGHT = 20;
const SEEDED = 20;
const KINDS = ['list', 'vote'] as const satisfies readonly Kind[];
/** app1/app2: the app with one or two web processes taking the load; bare1/bare2: one or two bare Bolt apps. */
const CONFIGS = ['app1', 'app2', 'bare1', 'bare2'] as const;
type ConfigName = (typeof CONFIGS)[number];

export interface KindResult {
  kind: Kind;
  figures: Record<ConfigName, Figures>;
  ratios: Figures;
}

export interface ThroughputOptions {
  rounds: number;
  durationMs: number;
}

/** One closed-loop round over several processes: IN_FLIGHT / processes lanes on each, the samples merged. */
async function spread(
  events: string[],
  durationMs: number,
  next: () => Promise<Request>,
): Promise<LoadResult> {
  const parts = await Promise.all(
    events.map((url) =>
      runLoad(url, SIGNING_SECRET, { inFlight: IN_FLIGHT / events.length }, durationMs, next),
    ),
  );
  return {
    samples: parts.flatMap((p) => p.samples),
    startedAt: Math.min(...parts.map((p) => p.startedAt)),
    wallMs: durationMs,
  };
}

const ratio = (a: number | undefined, b: number | undefined) =>
  Math.round(((a ?? Number.NaN) / (b ?? Number.NaN)) * 100) / 100;

function ratios(f: Record<ConfigName, Figures>): Figures {
  return {
    app1OverBare1: ratio(f.app1.throughput, f.bare1.throughput),
    app2OverBare2: ratio(f.app2.throughput, f.bare2.throughput),
    app2OverApp1: ratio(f.app2.throughput, f.app1.throughput),
    bare2OverBare1: ratio(f.bare2.throughput, f.bare1.throughput),
    ackP99App1OverBare1: ratio(f.app1.p99, f.bare1.p99),
    ackP99App2OverBare2: ratio(f.app2.p99, f.bare2.p99),
  };
}

export async function measureThroughput(target: RedisTarget, options: ThroughputOptions) {
  // The fake stamps calls with the load's clock, as in the floor bench.
  const fake = await FakeSlack.start({ now });
  const prefix = testPrefix('bench-scale-tput');
  // Both configurations of each side run at once: a process that takes no requests costs next to nothing, and
  // the items seeded once serve every round.
  const app = await startCluster(fake, {
    prefix,
    signingSecret: SIGNING_SECRET,
    webs: 2,
    workers: 1,
    redisEnv: target.env,
  });
  const bare: Target[] = [];
  try {
    const env = benchAppEnv(fake.url);
    for (let i = 0; i < 2; i++) bare.push(await startTarget('floor', 'bench/bare-bolt.js', env));
    const webs = app.webs.map((w) => w.events);
    const bares = bare.map((b) => b.events);
    const events: Record<ConfigName, string[]> = {
      app1: webs.slice(0, 1),
      app2: webs,
      bare1: bares.slice(0, 1),
      bare2: bares,
    };
    const first: Target = { name: 'app', events: webs[0] ?? '', stop: () => Promise.resolve() };
    const { ids, template } = await seed(fake, first, SEEDED);
    await settle(fake, 1000);
    const make = requestMaker(fake, ids, template);

    const round = async (config: ConfigName, kind: Kind, durationMs: number) => {
      const result = await spread(events[config], durationMs, make[kind]);
      // The app's follow-up work (replies, refresh jobs) ends before the next round. Vote refreshes drain at the
      // workspace's chat.update budget (~50/min) for minutes and cost little meanwhile: wait at most 3 s.
      if (config.startsWith('app')) await settle(fake, 1000, kind === 'vote' ? 3000 : 30_000);
      return roundFigures(result);
    };

    const results: KindResult[] = [];
    for (const kind of KINDS) {
      // One short unrecorded round on each: JIT, connections, caches.
      for (const config of CONFIGS) await round(config, kind, 1000);
      const rounds: Record<ConfigName, Figures[]> = { app1: [], app2: [], bare1: [], bare2: [] };
      // A B C D D C B A…: no configuration always runs first, or right after the app's follow-up work.
      for (let i = 0; i < options.rounds; i++)
        for (const config of i % 2 === 0 ? CONFIGS : [...CONFIGS].reverse())
          rounds[config].push(await round(config, kind, options.durationMs));
      const figures: Record<ConfigName, Figures> = {
        app1: combine(rounds.app1),
        app2: combine(rounds.app2),
        bare1: combine(rounds.bare1),
        bare2: combine(rounds.bare2),
      };
      results.push({ kind, figures, ratios: ratios(figures) });
      process.stderr.write(
        `scale-out: ${target.name} throughput ${kind} ${JSON.stringify(ratios(figures))}\n`,
      );
    }
    return {
      inFlight: IN_FLIGHT,
      seededItems: SEEDED,
      kinds: results,
      slackRulesBroken: fake.violations.length,
    };
  } finally {
    await app.stop();
    for (const b of bare) await b.stop();
    await deleteByPrefix(target.client, prefix);
    await fake.close();
  }
}
