// GET /healthz and GET /readyz (SPEC §3): alive while the process runs; ready only while Redis answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import type { DigestStore } from './store/digests.ts';

const PING_TIMEOUT_MS = 1000;

export async function redisAnswers(redis: Redis): Promise<boolean> {
  try {
    const pong = await Promise.race([
      redis.ping(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('ping timeout')), PING_TIMEOUT_MS).unref(),
      ),
    ]);
    return pong === 'PONG';
  } catch {
    // Any failure to ping means "not ready"; the reason is in the connection's own error log.
    return false;
  }
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Readiness: Redis answers, and Slack has not refused the token (then all posting is paused, SPEC §2.4). */
async function readiness(redis: Redis, digests: Pick<DigestStore, 'paused'>) {
  if (!(await redisAnswers(redis))) return { status: 503, body: { ok: false, redis: 'down' } };
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

export function healthRoutes(redis: Redis, digests: Pick<DigestStore, 'paused'>) {
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
        void readiness(redis, digests).then(({ status, body }) => send(res, status, body));
      },
    },
  ];
}
