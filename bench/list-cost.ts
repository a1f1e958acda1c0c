// What one `/debt list` costs in the process that answers it, over 20 and 200 items: the Redis reads, scoring,
// block building and JSON, each timed apart in this process; and how many round trips to Redis one list takes,
// beside two ways to take fewer (prototyped here with raw commands, not in the app).
import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { buildItemList } from '../blocks/item-list.ts';
import { ephemeral } from '../blocks/kit.ts';
import { loadConfig } from '../src/config.ts';
import { createDeps, type Runtime } from '../src/deps.ts';
import { parseCommand } from '../src/domain/command.ts';
import type { ListQuery } from '../src/domain/list-query.ts';
import type { Level } from '../src/domain/scales.ts';
import type { PainReport, Vote } from '../src/domain/scoring.ts';
import { rank, scoreItem } from '../src/domain/scoring.ts';
import { loadListPage } from '../src/features/list-items.ts';
import { createLogger } from '../src/lib/logger.ts';
import { deleteByPrefix, TEST_REDIS_ENV, testPrefix } from '../test/support/redis.ts';
import { type SeedItem, seedItems } from '../test/support/seed-items.ts';

const TEAM = 'T0COST';
const SIZES = [20, 200] as const;
const ITERATIONS = Number(process.env.BENCH_LIST_COST_ITERATIONS ?? 300);
const us = (ms: number) => Math.round(ms * 1000);

/** Three voters on every item (severity, frequency, effort), a pain report on every tenth. */
function* channel(size: number, channelId: string, firstId: number): Generator<SeedItem> {
  const level = (n: number) => (1 + (n % 5)) as Level;
  for (let n = 0; n < size; n++) {
    const id = firstId + n;
    const votes: Vote[] = ['U0V1', 'U0V2', 'U0V3'].flatMap((userId, v) => [
      { userId, dimension: 'severity', level: level(id + v) },
      { userId, dimension: 'frequency', level: level(id + 2 * v) },
      { userId, dimension: 'effort', level: level(id + 3 * v) },
    ]);
    const pain: PainReport[] =
      n % 10 === 0 ? [{ userId: 'U0P1', hours: 3, at: new Date(Date.now() - 86_400_000).toISOString() }] : [];
    const title = `Seeded item ${id}: retraining the churn model by hand every Friday afternoon`;
    yield { item: { id, teamId: TEAM, channelId, title, reporterId: 'U0REP' }, votes, pain };
  }
}

/** Median of `runs` timings of `work`, in ms, after a few unrecorded runs (JIT, connections). */
async function timed(work: () => unknown, runs = ITERATIONS): Promise<number> {
  for (let i = 0; i < 20; i++) await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    ms.push(performance.now() - started);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)] ?? Number.NaN;
}

/**
 * Counts what one call sends on the request connection: commands, socket writes, and round trips — writes that
 * had to wait for a reply (a write after data came back starts a new one; writes in one tick share one).
 */
async function roundTrips(redis: Redis, work: () => Promise<unknown>) {
  const stream = redis.stream as Socket;
  const counts = { commands: 0, writes: 0, roundTrips: 0 };
  let replied = true;
  const send = redis.sendCommand.bind(redis);
  const write = stream.write.bind(stream);
  const onData = () => {
    replied = true;
  };
  redis.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    counts.commands++;
    return send(...args);
  }) as Redis['sendCommand'];
  stream.write = ((...args: unknown[]) => {
    counts.writes++;
    if (replied) counts.roundTrips++;
    replied = false;
    return (write as (...a: unknown[]) => boolean)(...args);
  }) as Socket['write'];
  stream.on('data', onData);
  try {
    await work();
  } finally {
    redis.sendCommand = send;
    stream.write = write;
    stream.off('data', onData);
  }
  return counts;
}

/** A key of `kind` for item `id` as Lua can build it: the text around a placeholder id. */
function template(key: (team: string, id: number) => string): [string, string] {
  const [before = '', after = ''] = key(TEAM, 987_654_321).split('987654321');
  return [before, after];
}

/** The page's reads in one round trip: ids, records, votes and pain reports gathered by a Lua script. */
const ONE_TRIP_LUA = `
local ids = redis.call('ZRANGE', KEYS[1], 0, -1)
local out = {}
for i, id in ipairs(ids) do
  out[i] = { redis.call('GET', ARGV[1] .. id .. ARGV[2]), redis.call('HGETALL', ARGV[3] .. id .. ARGV[4]),
             redis.call('LRANGE', ARGV[5] .. id .. ARGV[6], 0, -1) }
end
return { out, redis.call('GET', KEYS[2]) }`;

async function sizeCost(deps: Runtime, channelId: string) {
  const query: ListQuery = {
    filters: (parseCommand('list') as { filters: ListQuery['filters'] }).filters,
    channelId,
    teamId: TEAM,
    userId: 'U0ME',
  };
  const items = await deps.items.listChannel(TEAM, channelId);
  const ids = items.map((i) => i.id);
  const reads = () =>
    Promise.all([
      deps.votes.forItems(TEAM, ids),
      deps.pain.forItems(TEAM, ids),
      deps.settings.get(TEAM, channelId),
    ]);
  const [votes, pain, { quorum }] = await reads();
  const now = new Date();
  const score = () =>
    rank(
      items.map((item) => ({
        item,
        score: scoreItem(votes.get(item.id) ?? [], pain.get(item.id) ?? [], quorum, now),
      })),
    );
  const model = await loadListPage(deps, query, 1);
  const message = buildItemList(model);
  // Counted and prototyped on one Redis; a Cluster client spreads commands over several sockets.
  if (!(deps.redis instanceof Redis)) throw new Error('list-cost measures round trips on a single Redis');
  const redis = deps.redis;
  const { keys } = deps;
  // The app's three round trips with the same raw commands as the prototypes (no parsing): the fair baseline.
  const threeTrips = async () => {
    const found = await redis.zrange(keys.channelItems(TEAM, channelId), 0, '-1');
    await redis.mget(...found.map((id) => keys.item(TEAM, Number(id))));
    const pipeline = redis.pipeline();
    for (const id of found)
      pipeline.hgetall(keys.votes(TEAM, Number(id))).lrange(keys.pain(TEAM, Number(id)), 0, -1);
    return pipeline.get(keys.channelSettings(TEAM, channelId)).exec();
  };
  const twoTrips = async () => {
    const found = await redis.zrange(keys.channelItems(TEAM, channelId), 0, '-1');
    const pipeline = redis.pipeline().mget(...found.map((id) => keys.item(TEAM, Number(id))));
    for (const id of found)
      pipeline.hgetall(keys.votes(TEAM, Number(id))).lrange(keys.pain(TEAM, Number(id)), 0, -1);
    return pipeline.get(keys.channelSettings(TEAM, channelId)).exec();
  };
  const luaArgs = [...template(keys.item), ...template(keys.votes), ...template(keys.pain)];
  const oneTrip = () =>
    redis.eval(
      ONE_TRIP_LUA,
      2,
      keys.channelItems(TEAM, channelId),
      keys.channelSettings(TEAM, channelId),
      ...luaArgs,
    );
  const timings = {
    readItemsUs: us(await timed(() => deps.items.listChannel(TEAM, channelId))),
    readVotesPainQuorumUs: us(await timed(reads)),
    scoreAndRankUs: us(await timed(score)),
    buildBlocksUs: us(await timed(() => buildItemList(model))),
    jsonUs: us(await timed(() => JSON.stringify(ephemeral(message)))),
    wholeListUs: us(
      await timed(async () => JSON.stringify(ephemeral(buildItemList(await loadListPage(deps, query, 1))))),
    ),
    rawReadsInThreeTripsUs: us(await timed(threeTrips)),
    prototypeReadsInTwoTripsUs: us(await timed(twoTrips)),
    prototypeReadsInOneTripLuaUs: us(await timed(oneTrip)),
  };
  return {
    items: items.length,
    shown: model.entries.length,
    answerBytes: Buffer.byteLength(JSON.stringify(ephemeral(message))),
    blocks: message.blocks.length,
    ...timings,
    perList: await roundTrips(redis, () => loadListPage(deps, query, 1)),
    prototypeTwoTrips: await roundTrips(redis, twoTrips),
    prototypeOneTripLua: await roundTrips(redis, oneTrip),
  };
}

export async function listCost(): Promise<Record<string, unknown>> {
  const prefix = testPrefix('bench-list-cost');
  const deps = createDeps(
    loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: 'bench-secret',
      ...TEST_REDIS_ENV,
      REDIS_PREFIX: prefix,
      PORT: '0',
    }),
    { logger: createLogger('warn'), observability: false },
  );
  try {
    await deps.ready();
    const out: Record<string, unknown> = {};
    let firstId = 1;
    for (const size of SIZES) {
      const channelId = `C0COST${size}`;
      await seedItems(deps.redis, deps.keys, channel(size, channelId, firstId));
      firstId += size;
      out[`${size} items`] = await sizeCost(deps, channelId);
      process.stderr.write(`list-cost: ${size} items ${JSON.stringify(out[`${size} items`])}\n`);
    }
    return out;
  } finally {
    await deleteByPrefix(deps.redis, prefix);
    await deps.close();
  }
}
