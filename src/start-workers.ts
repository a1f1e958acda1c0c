// Starting, draining and stopping the BullMQ workers: card and panel refreshes, upkeep, and weekly digests; their
// queues' own Prometheus export added to GET /metrics.
import { LogLevel as BoltLogLevel, webApi } from '@slack/bolt';
import { type Job, MetricsTime, type Queue, Worker } from 'bullmq';
import { backfillPanels } from '../jobs/backfill-panels.ts';
import { sweepUnpublishedCards } from '../jobs/card-sweep.ts';
import { JOB_NAMES, QUEUE_NAMES } from '../jobs/contracts.ts';
import { createDigestProcessor } from '../jobs/digest.ts';
import { createExportProcessor } from '../jobs/export.ts';
import { createRefreshProcessor } from '../jobs/refresh-message.ts';
import { createReminderProcessor } from '../jobs/reminders.ts';
import type { Deps, Runtime } from './deps.ts';
import { sweepSnapshots } from './features/history/take-snapshots.ts';
import { pausePosting } from './features/pause-posting.ts';
import { publishFiledItem } from './features/publish-item.ts';
import { slackLogger } from './lib/logger.ts';
import { countingFetch } from './lib/metrics.ts';
import type { Running } from './lib/running.ts';
import { classifySlackError } from './lib/slack-errors.ts';

/** Digests spread over time: 4 posts a second across all workers stays well inside Slack's posting rate. */
export const DIGEST_RATE = { max: 4, duration: 1000 };
/** A killed worker's digest goes back to the queue this fast; a digest job is short. */
const DIGEST_LOCK_DURATION_MS = 15_000;

/**
 * Workers use their own client: no automatic retries, so 429 Retry-After is honoured once, by the job. Its calls
 * are counted like the listener's, and its own warnings go into our log.
 */
export function workerClient(deps: Pick<Deps, 'config' | 'metrics' | 'logger'>): webApi.WebClient {
  const { apiUrl, botToken } = deps.config.slack;
  return new webApi.WebClient(botToken, {
    slackApiUrl: apiUrl,
    timeout: 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: slackLogger(deps.logger, BoltLogLevel.WARN),
    ...(deps.metrics.enabled ? { fetch: countingFetch(deps.metrics, apiUrl) } : {}),
  });
}

/**
 * BullMQ's completed and failed totals (`bullmq_job_completed_total`, `bullmq_job_failed_total`) come from the
 * per-minute data points workers record when `metrics` is set; a day of points is kept.
 */
const JOB_METRICS = { maxDataPoints: MetricsTime.ONE_HOUR * 24 };

/** Queue depth by state and job outcomes, in BullMQ's own Prometheus format, for every scrape. */
function exportQueues(queues: Queue[]): () => Promise<string> {
  return async () => (await Promise.all(queues.map((q) => q.exportPrometheusMetrics()))).join('\n');
}

/** Slack accepted the token again: lift an auth pause; refused: set it (SPEC §2.4). */
async function checkToken(deps: Deps, client: webApi.WebClient): Promise<void> {
  try {
    await client.auth.test();
    if (await deps.digests.paused()) {
      await deps.digests.resume();
      // Digests parked by the pause run now rather than at their next try (future slots stay put).
      const parkedDigests = await deps.producers.promoteDueDigests();
      deps.logger.info('Slack accepts the token again: posting resumed', { parkedDigests });
    }
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'auth') {
      await pausePosting(deps, failure.error);
    } else deps.logger.warn('auth.test failed at worker start', { error: failure });
  }
}

/** The request id a job was queued under (jobs/contracts.ts), for lines logged outside its processor. */
function jobRequestId(job: Job | undefined): string | undefined {
  const id = (job?.data as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === 'string' ? id : undefined;
}

function watch(worker: Worker, deps: Deps, name: string): Worker {
  worker.on('error', (error) => deps.logger.error(`${name} worker error`, { error }));
  worker.on('failed', (job: Job | undefined, error) =>
    deps.logger.warn(`${name} job failed`, {
      jobId: job?.id,
      attempts: job?.attemptsMade,
      requestId: jobRequestId(job),
      error,
    }),
  );
  return worker;
}

/** The cards queue carries the refreshes and the upkeep: panel backfill, card sweep, snapshot sweep, vote reminders. */
function cardProcessor(deps: Deps, client: webApi.WebClient) {
  const refresh = createRefreshProcessor({ ...deps, client });
  const publish = (item: Parameters<typeof publishFiledItem>[2]) =>
    publishFiledItem(deps, client, item, { responseUrl: null, from: 'sweep' });
  return (job: Job, token?: string) => {
    if (job.name === JOB_NAMES.backfillPanels)
      return backfillPanels({ ...deps, refreshMessage: deps.producers.refreshMessage });
    if (job.name === JOB_NAMES.cardSweep) return sweepUnpublishedCards({ ...deps, publish });
    if (job.name === JOB_NAMES.snapshotSweep) return sweepSnapshots(deps);
    if (job.name === JOB_NAMES.exportItems) return createExportProcessor({ ...deps, client })(job, token);
    if (job.name === JOB_NAMES.voteReminders) return createReminderProcessor({ ...deps, client })(job, token);
    return refresh(job, token);
  };
}

export async function startWorkers(runtime: Runtime): Promise<Running> {
  const deps: Deps = runtime;
  const client = workerClient(deps);
  const connection = { prefix: runtime.keys.bullPrefix };
  const cards = watch(
    new Worker(QUEUE_NAMES.cards, cardProcessor(deps, client), {
      ...connection,
      connection: runtime.createWorkerConnection(),
      // The workspace's chat.update budget is a token bucket in Redis spent right before each call
      // (src/features/refresh-message.ts), not a queue limiter: postponed jobs must not use it up.
      concurrency: 8,
      metrics: JOB_METRICS,
    }),
    deps,
    'card',
  );
  const digest = createDigestProcessor({
    ...deps,
    client,
  });
  const digests = watch(
    new Worker(QUEUE_NAMES.digests, digest, {
      ...connection,
      connection: runtime.createWorkerConnection(),
      concurrency: 4,
      limiter: DIGEST_RATE,
      lockDuration: DIGEST_LOCK_DURATION_MS,
      stalledInterval: 5_000,
      metrics: JOB_METRICS,
    }),
    deps,
    'digest',
  );
  await Promise.all([
    cards.waitUntilReady(),
    digests.waitUntilReady(),
    runtime.cardQueue.waitUntilReady(),
    runtime.digestQueue.waitUntilReady(),
  ]);
  await deps.producers.scheduleMaintenance();
  await checkToken(deps, client);
  await deps.producers.reconcileDigestSchedules(deps.settings, deps.logger);
  deps.metrics.addSource('bullmq', exportQueues([runtime.cardQueue, runtime.digestQueue]));
  deps.logger.info('workers started', { queues: [QUEUE_NAMES.cards, QUEUE_NAMES.digests] });
  // close() takes no new job and lets running ones finish; BullMQ hands back the same promise when asked again.
  // A job cut off by the process's drain deadline goes back to the queue (stalled) for another worker.
  const close = async () => void (await Promise.all([cards.close(), digests.close()]));
  return { drain: close, stop: close };
}
