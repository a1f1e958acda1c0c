// createApp(deps): the Bolt App with every listener registered. Starts nothing.
import { App, LogLevel as BoltLogLevel, type Receiver, webApi } from '@slack/bolt';
import type { Deps } from './deps.ts';
import type { Logger } from './lib/logger.ts';
import * as actions from './slack/actions/index.ts';
import * as commands from './slack/commands/index.ts';
import * as events from './slack/events/index.ts';
import { createAuthorize } from './slack/installation.ts';
import * as options from './slack/options/index.ts';
import * as shortcuts from './slack/shortcuts/index.ts';
import { answerStaleSurfaces } from './slack/stale-surfaces.ts';
import * as views from './slack/views/index.ts';

/** Handlers must not sit in retries for minutes (SPEC §3): two quick retries, a timeout, no 429 waits. */
function requestClientOptions(apiUrl: string): webApi.WebClientOptions {
  return {
    slackApiUrl: apiUrl,
    timeout: 5000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    rejectRateLimitedCalls: true,
  };
}

/** Routes Bolt's own log lines (receiver warnings, retries) into our structured logger. */
export function boltLogger(logger: Logger, level: BoltLogLevel) {
  return {
    debug: (...msg: unknown[]) => logger.debug(msg.map(String).join(' '), { source: 'bolt' }),
    info: (...msg: unknown[]) => logger.info(msg.map(String).join(' '), { source: 'bolt' }),
    warn: (...msg: unknown[]) => logger.warn(msg.map(String).join(' '), { source: 'bolt' }),
    error: (...msg: unknown[]) => logger.error(msg.map(String).join(' '), { source: 'bolt' }),
    setLevel: () => {},
    getLevel: () => level,
    setName: () => {},
  };
}

/** The receiver is built by the web entry point: HTTPReceiver, or SocketModeReceiver with an app-level token. */
export function createApp(deps: Deps, receiver: Receiver): App {
  const level = deps.config.logLevel === 'debug' ? BoltLogLevel.DEBUG : BoltLogLevel.WARN;
  const { botToken, apiUrl } = deps.config.slack;
  const clientOptions = requestClientOptions(apiUrl);
  const app = new App({
    // Keys every request by the installing workspace, whoever acts (SPEC §3.2).
    authorize: createAuthorize(botToken, new webApi.WebClient(botToken, clientOptions), deps.logger),
    clientOptions,
    logger: boltLogger(deps.logger, level),
    receiver,
  });
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
