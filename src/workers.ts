// Starting and stopping the BullMQ workers: card/panel refreshes and weekly digests.
import { webApi } from '@slack/bolt';
import { type Job, Worker } from 'bullmq';
import { backfillPanels, scheduleBackfillPanels } from '../jobs/backfill-panels.ts';
import { scheduleCardSweep, sweepUnpublishedCards } from '../jobs/card-sweep.ts';
import { JOB_NAMES, QUEUE_NAMES } from '../jobs/contracts.ts';
import { createDigestProcessor } from '../jobs/digest-post.ts';
import { reconcileDigestSchedules } from '../jobs/digest-schedule.ts';
import { createRefreshProcessor } from '../jobs/message-refresh.ts';
import type { Deps } from './deps.ts';
import { slotFromJob } from './domain/schedule.ts';
import { classifySlackError } from './lib/slack-errors.ts';

import type { Running } from './runtime.ts';
import { ensurePanel } from './slack/cards.ts';
import { publishFiledItem } from './slack/publish.ts';
import { workspaceUrl } from './slack/workspace.ts';

/** Digests spread over time: 4 posts a second across all workers stays well inside Slack's posting rate. */
export const DIGEST_RATE = { max: 4, duration: 1000 };
/** A killed worker's digest goes back to the queue this fast; a digest job is short. */
const DIGEST_LOCK_DURATION_MS = 15_000;

/** Workers use their own client: no automatic retries, so 429 Retry-After is honoured once, by the job. */
export function workerClient(deps: Deps): webApi.WebClient {
  return new webApi.WebClient(deps.config.slack.botToken, {
    slackApiUrl: deps.config.slack.apiUrl,
    timeout: 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

/** Slack accepted the token again: lift an auth pause; refused: set it (SPEC §2.4). */
async function checkToken(deps: Deps, client: webApi.WebClient): Promise<void> {
  try {
    await client.auth.test();
    if (await deps.digests.paused()) {
      await deps.digests.resume();
      // Digests parked by the pause run now rather than at their next try (future slots stay put).
      const now = deps.clock.now().getTime();
      const parked = (await deps.digestQueue.getDelayed()).filter(
        (job) => (slotFromJob(job) ?? now + 1) <= now,
      );
      await Promise.all(parked.map((job) => job.promote()));
      deps.logger.info('Slack accepts the token again: posting resumed', { parkedDigests: parked.length });
    }
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind === 'auth') {
      await deps.digests.pause(failure.error, deps.clock.now().toISOString());
      deps.logger.error('SLACK REFUSED THE BOT TOKEN: all posting is paused until it is fixed', {
        error: failure.error,
      });
    } else deps.logger.warn('auth.test failed at worker start', { error: failure });
  }
}

function watch(worker: Worker, deps: Deps, name: string): Worker {
  worker.on('error', (error) => deps.logger.error(`${name} worker error`, { error }));
  worker.on('failed', (job: Job | undefined, error) =>
    deps.logger.warn(`${name} job failed`, { jobId: job?.id, attempts: job?.attemptsMade, error }),
  );
  return worker;
}

export async function startWorkers(deps: Deps): Promise<Running> {
  const client = workerClient(deps);
  const refresh = createRefreshProcessor({
    ...deps,
    client,
    ensurePanel: (c, item) => ensurePanel(deps, c, item),
  });
  const sweep = () =>
    sweepUnpublishedCards({
      ...deps,
      publish: (item) => publishFiledItem(deps, client, item, { responseUrl: null, from: 'sweep' }),
    });
  const cards = watch(
    new Worker(
      QUEUE_NAMES.cards,
      async (job, token) => {
        if (job.name === JOB_NAMES.backfillPanels) return backfillPanels({ ...deps, queue: deps.cardQueue });
        if (job.name === JOB_NAMES.cardSweep) return sweep();
        return refresh(job, token);
      },
      {
        connection: deps.createWorkerConnection(),
        prefix: deps.keys.bullPrefix,
        // The workspace's chat.update budget is a token bucket in Redis spent right before each call
        // (jobs/message-refresh.ts), not a queue limiter: postponed jobs must not use it up.
        concurrency: 8,
      },
    ),
    deps,
    'card',
  );
  const digest = createDigestProcessor({
    ...deps,
    queue: deps.digestQueue,
    client,
    defaultTimezone: deps.config.defaultTimezone,
    workspaceUrl: () => workspaceUrl(client, deps.logger),
  });
  const digests = watch(
    new Worker(QUEUE_NAMES.digests, digest, {
      connection: deps.createWorkerConnection(),
      prefix: deps.keys.bullPrefix,
      concurrency: 4,
      limiter: DIGEST_RATE,
      lockDuration: DIGEST_LOCK_DURATION_MS,
      stalledInterval: 5_000,
    }),
    deps,
    'digest',
  );
  await Promise.all([
    cards.waitUntilReady(),
    digests.waitUntilReady(),
    deps.cardQueue.waitUntilReady(),
    deps.digestQueue.waitUntilReady(),
  ]);
  await scheduleBackfillPanels(deps.cardQueue);
  await scheduleCardSweep(deps.cardQueue);
  await checkToken(deps, client);
  await reconcileDigestSchedules(deps.digestQueue, deps.settings, deps.config.defaultTimezone, deps.logger);
  deps.logger.info('workers started', { queues: [QUEUE_NAMES.cards, QUEUE_NAMES.digests] });
  // close() lets running jobs finish; unfinished ones go back to the queue for another worker.
  return { stop: async () => void (await Promise.all([cards.close(), digests.close()])) };
}
