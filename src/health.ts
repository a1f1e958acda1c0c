// GET /healthz and GET /readyz (SPEC §3): alive while the process runs; ready only while Redis answers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';

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

export function healthRoutes(redis: Redis) {
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
        void redisAnswers(redis).then((ok) => send(res, ok ? 200 : 503, { ok, redis: ok ? 'up' : 'down' }));
      },
    },
  ];
}
