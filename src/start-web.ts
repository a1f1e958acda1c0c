// Starting, draining and stopping the Slack listener (web): the Bolt app on its receiver, the health checks and
// GET /metrics.
import type { Server } from 'node:http';
import { LogLevel as BoltLogLevel, HTTPModuleFunctions, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { boltLogger, createApp, RefusedWhileDraining } from './app.ts';
import type { Deps } from './deps.ts';
import { boundPort, closeServer, healthRoutes, portError, startHttpServer } from './health.ts';
import { InFlight } from './lib/lifecycle.ts';
import { countingFetch } from './lib/metrics.ts';
import type { Running } from './lib/running.ts';

/** Runs `stop` once, however often it is asked for (a drain, then a stop, then a test's cleanup). */
function once(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= stop();
    return stopping;
  };
}

export async function startWeb(deps: Deps): Promise<Running> {
  const { slack } = deps.config;
  const inFlight = new InFlight();
  if (slack.socketMode) {
    // Socket Mode: Bolt runs no HTTP server, so health checks and metrics get their own, on PORT. Bound first, so
    // that a busy port fails the start before the socket opens.
    const health = await startHttpServer(healthRoutes(deps), deps.config.port, 'PORT');
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken ?? '',
      // The socket client asks for its WebSocket URL with its own WebClient, which would otherwise
      // call slack.com even when SLACK_API_URL points elsewhere.
      installerOptions: {
        clientOptions: {
          slackApiUrl: slack.apiUrl,
          ...(deps.metrics.enabled ? { fetch: countingFetch(deps.metrics, slack.apiUrl) } : {}),
        },
      },
      logger: boltLogger(deps.logger, BoltLogLevel.WARN),
    });
    // Requests that arrive over the socket while draining are still served: Slack cannot send them elsewhere
    // until this connection closes, which it does once every request taken has been acknowledged.
    const app = createApp(deps, receiver, { inFlight, refuseWhileDraining: false });
    await app.start();
    const port = boundPort(health);
    deps.logger.info('listening in Socket Mode', { healthPort: port });
    const disconnect = once(async () => void (await app.stop()));
    return {
      port,
      drain: async () => {
        await inFlight.acknowledged();
        await disconnect();
        await inFlight.finished();
      },
      stop: async () => {
        await disconnect();
        await closeServer(health);
      },
    };
  }
  const receiver = new HTTPReceiver({
    signingSecret: slack.signingSecret ?? '',
    endpoints: '/slack/events',
    customRoutes: healthRoutes(deps),
    // Ack is sent as soon as a listener calls ack(); the listener's remaining work continues after it.
    processBeforeResponse: false,
    logger: boltLogger(deps.logger, BoltLogLevel.WARN),
    // While draining, a new Slack request gets 503 (the Events API sends it again, to another process).
    processEventErrorHandler: async (args) => {
      if (!(args.error instanceof RefusedWhileDraining))
        return HTTPModuleFunctions.defaultProcessEventErrorHandler(args);
      args.response.writeHead(503, { connection: 'close', 'retry-after': '1' });
      args.response.end();
      return false;
    },
    // A refused request was answered already; Bolt's "not acknowledged within 3 seconds" is for the others.
    unhandledRequestHandler: (args) => {
      if (!args.response.headersSent) HTTPModuleFunctions.defaultUnhandledRequestHandler(args);
    },
  });
  const app = createApp(deps, receiver, { inFlight, refuseWhileDraining: true });
  let server: Server;
  try {
    server = (await app.start(deps.config.port)) as Server;
  } catch (error) {
    throw portError('PORT', deps.config.port, error);
  }
  const port = boundPort(server);
  deps.logger.info('listening for Slack over HTTP', { port, endpoint: '/slack/events' });
  return {
    port,
    // Health checks keep answering (/readyz 503) until every request taken is finished.
    drain: () => inFlight.finished(),
    stop: once(async () => {
      const closed = app.stop();
      server.closeIdleConnections();
      // A keep-alive connection still open after its last answer would hold the close up.
      setTimeout(() => server.closeAllConnections(), 1000).unref();
      await closed;
    }),
  };
}
