// createApp(deps): the Bolt App with every listener registered, every request timed, given a request id and
// tracked until its work is over. Starts nothing.
import { App, LogLevel as BoltLogLevel, type Receiver, type ReceiverEvent, webApi } from '@slack/bolt';
import type { Deps } from './deps.ts';
import { InFlight } from './lib/lifecycle.ts';
import { type Logger, slackLogger } from './lib/logger.ts';
import { countingFetch, requestKind } from './lib/metrics.ts';
import { markReceived } from './lib/received-at.ts';
import { newRequestId, withRequestId } from './lib/request-context.ts';
import * as actions from './slack/actions/index.ts';
import * as commands from './slack/commands/index.ts';
import * as events from './slack/events/index.ts';
import { createAuthorize } from './slack/installation.ts';
import * as options from './slack/options/index.ts';
import * as shortcuts from './slack/shortcuts/index.ts';
import { answerStaleSurfaces } from './slack/stale-surfaces.ts';
import * as views from './slack/views/index.ts';

/**
 * Handlers must not sit in retries for minutes (SPEC §3): two quick retries, a timeout, no 429 waits. Every HTTP
 * request the clients send (and Bolt's replies to response URLs) is counted by method and outcome.
 */
function requestClientOptions(deps: Pick<Deps, 'config' | 'metrics'>): webApi.WebClientOptions {
  const { apiUrl } = deps.config.slack;
  return {
    slackApiUrl: apiUrl,
    timeout: 5000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
    ...(deps.metrics.enabled ? { fetch: countingFetch(deps.metrics, apiUrl) } : {}),
  };
}

/** Routes Bolt's own log lines (receiver warnings, retries) into our structured logger. */
export function boltLogger(logger: Logger, level: BoltLogLevel) {
  return slackLogger(logger, level);
}

/** Thrown to the HTTP receiver for a request that arrives while the process drains: it answers 503. */
export class RefusedWhileDraining extends Error {
  override name = 'RefusedWhileDraining';
}

export interface RequestTracking {
  /** The requests being served, for a drain to wait on. */
  inFlight: InFlight;
  /** HTTP mode: refuse new requests while draining (503). Socket Mode serves them until it disconnects. */
  refuseWhileDraining: boolean;
}

/**
 * Wraps the App's `processEvent`, where every receiver hands over a verified request (HTTP and Socket Mode alike,
 * events included, which Bolt acks before any middleware runs): times receipt to ack by request kind, runs the
 * request under a new request id, and tracks it until its listeners are done (decision 0018).
 */
function trackRequests(
  app: App,
  deps: Pick<Deps, 'metrics' | 'logger' | 'lifecycle'>,
  tracking: RequestTracking,
) {
  const handOver = app.processEvent.bind(app);
  const observe = deps.metrics.enabled;
  app.processEvent = (event: ReceiverEvent): Promise<void> => {
    if (tracking.refuseWhileDraining && deps.lifecycle.draining)
      return Promise.reject(new RefusedWhileDraining('shutting down: request refused'));
    const started = performance.now();
    markReceived(event.body, started);
    const kind = observe ? requestKind(event.body) : 'other';
    let acked = false;
    let onAcked: () => void = () => {};
    const ackSeen = new Promise<void>((resolve) => {
      onAcked = resolve;
    });
    const ack: ReceiverEvent['ack'] = async (response) => {
      try {
        return await event.ack(response);
      } finally {
        if (!acked) {
          acked = true;
          onAcked();
          if (observe) {
            const seconds = (performance.now() - started) / 1000;
            deps.metrics.acked(kind, seconds);
            deps.logger.debug('request acknowledged', { kind, ms: Math.round(seconds * 10_000) / 10 });
          }
        }
      }
    };
    const run = () => handOver({ ...event, ack });
    if (!observe) return tracking.inFlight.track(run(), ackSeen);
    const observed = () =>
      run().finally(() =>
        deps.logger.debug('request finished', {
          kind,
          ms: Math.round((performance.now() - started) * 10) / 10,
        }),
      );
    return tracking.inFlight.track(withRequestId(newRequestId(), observed), ackSeen);
  };
}

/**
 * The receiver is built by the web entry point: HTTPReceiver, or SocketModeReceiver with an app-level token.
 * `tracking` lets the entry point drain the app's requests before it stops.
 */
export function createApp(
  deps: Deps,
  receiver: Receiver,
  tracking: RequestTracking = { inFlight: new InFlight(), refuseWhileDraining: false },
): App {
  const level = deps.config.logLevel === 'debug' ? BoltLogLevel.DEBUG : BoltLogLevel.WARN;
  const { botToken } = deps.config.slack;
  const clientOptions = requestClientOptions(deps);
  const logger = boltLogger(deps.logger, level);
  const authClient = new webApi.WebClient(botToken, { ...clientOptions, logger });
  const app = new App({
    // Keys every request by the installing workspace, whoever acts (SPEC §3.2).
    authorize: createAuthorize(botToken, authClient, deps.logger),
    clientOptions,
    logger,
    receiver,
  });
  trackRequests(app, deps, tracking);
  // First, so that an id no listener knows is answered at once instead of timing out.
  app.use(answerStaleSurfaces(deps));
  commands.register(app, deps);
  actions.register(app, deps);
  views.register(app, deps);
  shortcuts.register(app, deps);
  options.register(app);
  events.register(app, deps);

  // Last line of defence: a listener error is logged, never allowed to take the process down.
  app.error(async (error) => {
    deps.logger.error('unhandled listener error', { error });
  });
  return app;
}
