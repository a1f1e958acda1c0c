// The sandbox server's HTTP plumbing: answers, bodies read within a limit, requests only from this machine's page.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';

const MAX_BODY = 1_000_000;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A request no page sends (not JSON, too large, a bad query): answered with its HTTP status, unlike a refusal,
 * which is Slack's answer to something a person did and comes back as `{ ok: false }` with 200.
 */
export class BadRequest extends Error {
  constructor(
    readonly status: 400 | 403 | 413,
    message: string,
  ) {
    super(message);
  }
}

export function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json; charset=utf-8',
) {
  if (res.writableEnded) return;
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(payload);
}

export async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new BadRequest(413, 'request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BadRequest(400, 'bad request: the body is not JSON');
  }
}

/** The first problem zod found, with where it is (`source.kind: …`), so a 400 names the field. */
export function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** A path segment decoded, or null for a malformed escape (`%E0%A4%A`): a file nobody has, not a crash. */
export function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

/**
 * The sandbox answers its own page only. A Host other than this machine's is DNS rebinding; a POST from another
 * origin, or not JSON (which a cross-site form cannot send without a preflight), is another site driving it.
 */
export function foreignRequest(req: IncomingMessage): string | null {
  const host = new URL(`http://${req.headers.host ?? ''}`).hostname;
  if (!LOCAL_HOSTS.has(host))
    return `requests must come from this machine (Host: ${req.headers.host ?? 'none'})`;
  if (req.method !== 'POST') return null;
  const origin = req.headers.origin;
  if (origin !== undefined && !LOCAL_HOSTS.has(new URL(origin).hostname))
    return `requests must come from the sandbox page (Origin: ${origin})`;
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return 'requests must be JSON';
  return null;
}
