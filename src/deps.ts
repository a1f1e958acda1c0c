// createDeps(config): the Redis connections, stores, producers, clock, logger and metrics every listener and job
// shares.
import { Queue } from 'bullmq';
import { QUEUE_NAMES } from '../jobs/contracts.ts';
import { createProducers, type Producers } from '../jobs/producers/index.ts';
import type { Config } from './config.ts';
import { COUNTED } from './domain/voting.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { createLifecycle, type Lifecycle } from './lib/lifecycle.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { createMetrics, type Metrics, noMetrics } from './lib/metrics.ts';
import { type AdminCache, createAdminCache } from './store/admin-cache.ts';
import { type Budget, type BudgetShape, createBudget } from './store/budget.ts';
import { type Claims, createClaims } from './store/claims.ts';
import type { RedisClient } from './store/client.ts';
import { type ConnectionRole, connectRedis } from './store/connect.ts';
import { createDigestStore, type DigestStore } from './store/digests.ts';
import { createHistoryStore, type HistoryStore } from './store/history.ts';
import { createItemStore, type ItemStore } from './store/items.ts';
import { createKeys, type Keys } from './store/keys.ts';
import { type OwnedLock, ownedLock } from './store/lock.ts';
import { createPainStore, type PainStore } from './store/pain.ts';
import { redisAnswers } from './store/ping.ts';
import { whenReady } from './store/ready.ts';
import { createRefreshGates, type RefreshGates } from './store/refresh-gates.ts';
import { createReminderPrefs, type ReminderPrefs } from './store/reminder-prefs.ts';
import { createScoreReader, type ScoreReader } from './store/scored.ts';
import { createSettingsStore, type SettingsStore } from './store/settings.ts';
import { createUserNames, type UserNames } from './store/user-names.ts';
import { createVoteStore, type VoteStore } from './store/votes.ts';

/**
 * What listeners, use cases and processors may use: stores and producers, never a Redis connection or a
 * key. Each takes a `Pick` of this, so its signature says what it touches.
 */
export interface Deps {
  config: Config;
  logger: Logger;
  /** This process's Prometheus registry behind GET /metrics (decision 0018). */
  metrics: Metrics;
  /** Draining once SIGTERM arrived: /readyz answers 503, new Slack requests are refused. */
  lifecycle: Lifecycle;
  clock: Clock;
  items: ItemStore;
  votes: VoteStore;
  pain: PainStore;
  settings: SettingsStore;
  scores: ScoreReader;
  digests: DigestStore;
  /** Weekly snapshots per channel (SPEC §1.8) and the fixes celebrated as paid for themselves. */
  history: HistoryStore;
  /** Once-only markers: one card post or panel post at a time per item, one pain report per modal. */
  claims: Claims;
  adminCache: AdminCache;
  /** Display names of users mentioned in messages (users.info), cached for a day. */
  userNames: UserNames;
  /** At most one chat.update per message every 2 s, across every worker process. */
  refreshGates: RefreshGates;
  /** The workspace's chat.update budget (Tier 3), shared by every worker. */
  budget: Budget;
  /** The workspace's file upload budget (charts: Tier 4), shared by every process. */
  uploadBudget: Budget;
  /** Held by the worker sweeping items whose card never went out. */
  cardSweepLock: OwnedLock;
  /** Who asked for the weekly vote reminder DM (SPEC §2.5), and whose week's reminder went out. */
  reminderPrefs: ReminderPrefs;
  /** Queueing work: card refreshes, digest schedules, upkeep. */
  producers: Producers;
  /** True while Redis answers a PING in time (readiness). */
  redisAnswers(): Promise<boolean>;
}

/** Deps plus what only the entry points (and tests standing in for them) touch: connections, queues, keys. */
export interface Runtime extends Deps {
  keys: Keys;
  /** Serves Slack requests: fails fast when Redis is down so users get an answer in time (SPEC §3). */
  redis: RedisClient;
  cardQueue: Queue;
  /** Weekly digests: one job scheduler per channel. */
  digestQueue: Queue;
  /** A new connection for BullMQ workers: blocking commands, retried forever (`maxRetriesPerRequest: null`). */
  createWorkerConnection(): RedisClient;
  /** Resolves once the request connection is up, or after `timeoutMs` (the app still starts; /readyz says 503). */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Slack's Tier 3 (chat.update): about 50 a minute per workspace, short bursts allowed. */
const CHAT_UPDATE_BUDGET = { capacity: 20, perSecond: 50 / 60 };
/** Slack's Tier 4 (files.getUploadURLExternal, files.completeUploadExternal): 100+ a minute per workspace. */
export const UPLOAD_BUDGET = { capacity: 20, perSecond: 100 / 60 };

export interface DepsOverrides {
  clock?: Clock;
  logger?: Logger;
  /** Tests that share one workspace across many cases widen it, so one case cannot slow the next. */
  chatUpdateBudget?: BudgetShape;
  /**
   * Benchmarks only (bench/metrics-overhead.ts): false leaves out metrics and request ids, to measure what they
   * cost. Default true.
   */
  observability?: boolean;
}

/** Items filed and votes counted are counted where every caller goes through: the stores. */
function countingItems(items: ItemStore, metrics: Metrics): ItemStore {
  return {
    ...items,
    async file(input) {
      const filed = await items.file(input);
      if (filed.created) metrics.itemFiled();
      return filed;
    },
  };
}

function countingVotes(votes: VoteStore, metrics: Metrics): VoteStore {
  return {
    ...votes,
    async cast(vote) {
      const outcome = await votes.cast(vote);
      if (COUNTED.has(outcome)) metrics.voteCounted(vote.dimension, outcome);
      return outcome;
    },
  };
}

export function createDeps(config: Config, overrides: DepsOverrides = {}): Runtime {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? systemClock;
  const metrics = overrides.observability === false ? noMetrics() : createMetrics();
  const keys = createKeys(config.redis.prefix);
  const connections: RedisClient[] = [];
  const connect = (role: ConnectionRole): RedisClient => {
    const connection = connectRedis(config.redis, role, `debt-triage:${role}`);
    // An unhandled 'error' event would kill the process; a down Redis is reported by /readyz instead.
    connection.on('error', (error: Error) =>
      logger.warn('redis connection error', { connection: role, error: error.message }),
    );
    connections.push(connection);
    return connection;
  };

  const redis = connect('requests');
  const queueConnection = connect('queue');
  const queue = (name: string) => {
    const q = new Queue(name, { connection: queueConnection, prefix: keys.bullPrefix });
    q.on('error', (error) => logger.warn('queue error', { queue: name, error: error.message }));
    return q;
  };
  const cardQueue = queue(QUEUE_NAMES.cards);
  const digestQueue = queue(QUEUE_NAMES.digests);

  const items = countingItems(createItemStore(redis, keys, clock), metrics);
  const votes = countingVotes(createVoteStore(redis, keys, clock), metrics);
  const pain = createPainStore(redis, keys);
  const settings = createSettingsStore(redis, keys, (teamId, channelId, error) =>
    logger.error('unreadable channel settings skipped', { teamId, channelId, error }),
  );
  const digests = createDigestStore(redis, keys);
  metrics.watchPostingPause(async () => (await digests.paused()) !== null);
  return {
    config,
    logger,
    metrics,
    lifecycle: createLifecycle(),
    clock,
    keys,
    redis,
    items,
    votes,
    pain,
    settings,
    scores: createScoreReader(votes, pain, settings, clock),
    digests,
    history: createHistoryStore(redis, keys),
    claims: createClaims(redis, keys),
    adminCache: createAdminCache(redis, keys),
    userNames: createUserNames(redis, keys),
    refreshGates: createRefreshGates(redis, keys),
    budget: createBudget(redis, keys, overrides.chatUpdateBudget ?? CHAT_UPDATE_BUDGET),
    uploadBudget: createBudget(redis, keys, UPLOAD_BUDGET),
    cardSweepLock: ownedLock(redis, keys.cardSweepLock),
    reminderPrefs: createReminderPrefs(redis, keys),
    producers: createProducers({ cardQueue, digestQueue, clock, defaultTimezone: config.defaultTimezone }),
    redisAnswers: () => redisAnswers(redis),
    cardQueue,
    digestQueue,
    createWorkerConnection: () => connect('worker'),
    ready: (timeoutMs = 5000) => whenReady(redis, timeoutMs),
    async close() {
      await Promise.all([cardQueue.close(), digestQueue.close()]);
      await Promise.allSettled(connections.map((c) => c.quit()));
    },
  };
}
