// GET /healthz, /readyz and /metrics (SPEC §3, §3.1): alive while the process runs; ready only while Redis
// answers, Slack accepts the token and the process is not shutting down; Prometheus metrics. Served as custom
// routes of Bolt's HTTPReceiver, or by `startHttpServer` (Socket Mode, and a process running only workers).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deps } from './deps.ts';

type HealthDeps = Pick<Deps, 'redisAnswers' | 'digests' | 'lifecycle' | 'metrics' | 'logger'>;

export interface Route {
  path: string;
  method: string[];
  handler(req: IncomingMessage, res: ServerResponse): void;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Readiness: not draining, Redis answers, and Slack has not refused the token (then all posting is paused,
 * SPEC §2.4). Draining comes first and needs no Redis, so it shows at once.
 */
async function readiness({ redisAnswers, digests, lifecycle }: HealthDeps) {
  if (lifecycle.draining) return { status: 503, body: { ok: false, shuttingDown: true } };
  if (!(await redisAnswers())) return { status: 503, body: { ok: false, redis: 'down' } };
  const pause = await digests.paused().catch(() => null);
  return pause
    ? {
        status: 503,
        body: {
          ok: false,
          redis: 'up',
          slack: `token refused (${pause.error}) since ${pause.at}; posting paused`,
        },
      }
    : { status: 200, body: { ok: true, redis: 'up', slack: 'ok' } };
}

export function healthRoutes(deps: HealthDeps): Route[] {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req, res) => send(res, 200, { ok: true }),
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req, res) => {
        void readiness(deps).then(({ status, body }) => send(res, status, body));
      },
    },
    {
      path: '/metrics',
      method: ['GET'],
      handler: (_req, res) => {
        deps.metrics.render().then(
          (text) => {
            res.writeHead(200, { 'content-type': deps.metrics.contentType });
            res.end(text);
          },
          (error: unknown) => {
            deps.logger.error('metrics could not be rendered', { error });
            res.writeHead(500).end();
          },
        );
      },
    },
  ];
}

/** A port taken by another process, or one this user may not bind: named by its variable, for the operator. */
export class PortError extends Error {
  constructor(variable: string, port: number, cause: NodeJS.ErrnoException) {
    const why =
      cause.code === 'EADDRINUSE'
        ? 'is already in use by another process'
        : cause.code === 'EACCES'
          ? 'may not be used by this user (ports below 1024 need privileges)'
          : `cannot be listened on (${cause.code ?? cause.message})`;
    super(`Debt Triage cannot start: ${variable}=${port} ${why}. Set ${variable} to a free port.`, { cause });
    this.name = 'PortError';
  }
}

/** Turns a listen error into a PortError naming the variable that chose the port. */
export function portError(variable: string, port: number, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EADDRINUSE' || code === 'EACCES' ? new PortError(variable, port, error as Error) : error;
}

/** A small HTTP server for `routes` (GET only); rejects with a PortError when the port cannot be had. */
export function startHttpServer(routes: Route[], port: number, variable: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method.includes(req.method ?? ''));
    if (route) route.handler(req, res);
    else res.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(portError(variable, port, error)));
    server.listen(port, () => resolve(server));
  });
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Stops taking connections, closes idle keep-alive ones, and resolves when the last one has closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
