// Starting and stopping the Slack listener (web): the Bolt app on its receiver, and the health checks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LogLevel as BoltLogLevel, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { boltLogger, createApp } from './app.ts';
import type { Deps } from './deps.ts';
import { healthRoutes } from './health.ts';
import type { Running } from './lib/running.ts';

/** Serves health checks in Socket Mode, where Bolt runs no HTTP server of its own. */
function startHealthServer(deps: Deps): Promise<Server> {
  const routes = healthRoutes(deps);
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
    const receiver = new SocketModeReceiver({
      appToken: slack.appToken ?? '',
      // The socket client asks for its WebSocket URL with its own WebClient, which would otherwise
      // call slack.com even when SLACK_API_URL points elsewhere.
      installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
      logger: boltLogger(deps.logger, BoltLogLevel.WARN),
    });
    const app = createApp(deps, receiver);
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
    customRoutes: healthRoutes(deps),
    // Ack is sent as soon as a listener calls ack(); the listener's remaining work continues after it.
    processBeforeResponse: false,
    logger: boltLogger(deps.logger, BoltLogLevel.WARN),
  });
  const app = createApp(deps, receiver);
  const server = (await app.start(deps.config.port)) as Server;
  const port = (server.address() as AddressInfo).port;
  deps.logger.info('listening for Slack over HTTP', { port, endpoint: '/slack/events' });
  return { port, stop: () => app.stop().then(() => undefined) };
}
