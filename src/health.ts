// GET /healthz and GET /readyz (SPEC §3): alive while the process runs; ready only while Redis answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from './deps.ts';

type HealthDeps = Pick<Deps, 'redisAnswers' | 'digests'>;

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Readiness: Redis answers, and Slack has not refused the token (then all posting is paused, SPEC §2.4). */
async function readiness({ redisAnswers, digests }: HealthDeps) {
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

export function healthRoutes(deps: HealthDeps) {
  return [
    {
      path: '/healthz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => send(res, 200, { ok: true }),
    },
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_req: IncomingMessage, res: ServerResponse) => {
        void readiness(deps).then(({ status, body }) => send(res, status, body));
      },
    },
  ];
}
