// Starting and stopping the two halves of the app: the Slack listener (web) and the BullMQ workers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel as BoltLogLevel, HTTPReceiver, webApi } from '@slack/bolt';
import { Worker } from 'bullmq';
import { backfillPanels, scheduleBackfillPanels } from '../jobs/backfill-panels.ts';
import { JOB_NAMES, QUEUE_NAMES } from '../jobs/contracts.ts';
import { createRefreshProcessor } from '../jobs/message-refresh.ts';
import { boltLogger, createApp } from './app.ts';
import type { Deps } from './deps.ts';
import { healthRoutes } from './health.ts';
import { ensurePanel } from './slack/cards.ts';

export interface Running {
  /** The HTTP port actually bound (useful with PORT=0). */
  port?: number;
  stop(): Promise<void>;
}

/** Serves health checks in Socket Mode, where Bolt runs no HTTP server of its own. */
function startHealthServer(deps: Deps): Promise<Server> {
  const routes = healthRoutes(deps.redis);
  const server = createServer((req, res) => {
    const route = routes.find((r) => r.path === req.url && req.method === 'GET');
    if (route) route.handler(req, res);
    else res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(deps.config.port, () => resolve(server)));
}

export async function startWeb(deps: Deps): Promise<Running> {
  const { slack } = deps.config;
  if (slack.socketMode) {
    const app = createApp(deps, { appToken: slack.appToken });
    await app.start();
    const health = await startHealthServer(deps);
    deps.logger.info('listening in Socket Mode', { healthPort: (health.address() as AddressInfo).port });
    return {
      port: (health.address() as AddressInfo).port,
      stop: async () => {
        await app.stop();
        await new Promise((resolve) => health.close(resolve));
      },
    };
  }
  const receiver = new HTTPReceiver({
    signingSecret: slack.signingSecret ?? '',
    endpoints: '/slack/events',
    customRoutes: healthRoutes(deps.redis),
    // Ack is sent as soon as a listener calls ack(); the listener's remaining work continues after it.
    processBeforeResponse: false,
    logger: boltLogger(deps.logger, BoltLogLevel.WARN),
  });
  const app = createApp(deps, { receiver });
  const server = (await app.start(deps.config.port)) as Server;
  const port = (server.address() as AddressInfo).port;
  deps.logger.info('listening for Slack over HTTP', { port, endpoint: '/slack/events' });
  return { port, stop: () => app.stop().then(() => undefined) };
}

/** Workers use their own client: no automatic retries, so 429 Retry-After is honoured once, by the job. */
export function workerClient(deps: Deps): webApi.WebClient {
  return new webApi.WebClient(deps.config.slack.botToken, {
    slackApiUrl: deps.config.slack.apiUrl,
    timeout: 10_000,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

export async function startWorkers(deps: Deps): Promise<Running> {
  const client = workerClient(deps);
  const refresh = createRefreshProcessor({
    ...deps,
    client,
    ensurePanel: (c, item) => ensurePanel(deps, c, item),
  });
  const cards = new Worker(
    QUEUE_NAMES.cards,
    (job, token) =>
      job.name === JOB_NAMES.backfillPanels
        ? backfillPanels({ ...deps, queue: deps.cardQueue })
        : refresh(job, token),
    {
      connection: deps.createWorkerConnection(),
      prefix: deps.keys.bullPrefix,
      concurrency: 8,
      // One budget for the workspace's chat.update calls (Tier 3, ~50/min), shared by every worker.
      limiter: { max: 50, duration: 60_000 },
    },
  );
  cards.on('error', (error) => deps.logger.error('card worker error', { error }));
  cards.on('failed', (job, error) =>
    deps.logger.warn('card refresh failed', { jobId: job?.id, attempts: job?.attemptsMade, error }),
  );
  await cards.waitUntilReady();
  await deps.cardQueue.waitUntilReady();
  await scheduleBackfillPanels(deps.cardQueue);
  deps.logger.info('workers started', { queues: [QUEUE_NAMES.cards] });
  // close() lets running jobs finish; unfinished ones go back to the queue for another worker.
  return { stop: () => cards.close() };
}
