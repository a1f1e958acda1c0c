// Reads a Web API request the way Slack does: form or JSON body, token in the Authorization header or a field.
import type { IncomingMessage } from 'node:http';
import type { Args } from './types.ts';

/** Fields WebClient sends as JSON strings inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

export interface ParsedRequest {
  args: Args;
  token: string | undefined;
  /** Problems reading the body (bad JSON in a JSON field), reported as violations. */
  problems: string[];
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export function isRecord(v: unknown): v is Args {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseBody(contentType: string | undefined, body: string): { args: Args; problems: string[] } {
  const problems: string[] = [];
  let args: Args = {};
  if ((contentType ?? '').includes('application/json')) {
    try {
      const parsed: unknown = body.trim() === '' ? {} : JSON.parse(body);
      if (isRecord(parsed)) args = parsed;
      else problems.push('JSON body is not an object');
    } catch {
      problems.push('body is not valid JSON');
    }
  } else {
    for (const [k, v] of new URLSearchParams(body)) args[k] = v;
  }
  for (const key of JSON_FIELDS) {
    const v = args[key];
    if (typeof v !== 'string') continue;
    try {
      args[key] = JSON.parse(v);
    } catch {
      problems.push(`${key} is not valid JSON`);
    }
  }
  return { args, problems };
}

export function parseRequest(req: IncomingMessage, body: string): ParsedRequest {
  const { args, problems } = parseBody(req.headers['content-type'], body);
  const auth = req.headers.authorization;
  let token = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
  if (typeof args.token === 'string') {
    token ??= args.token;
    delete args.token;
  }
  return { args, token: token || undefined, problems };
}

/** An app's HTTP ack body as JSON (a view_submission's, a block_suggestion's): empty is `{}`; undefined when not a JSON object. */
export function readAck(ack: unknown): Args | undefined {
  if (ack === undefined || ack === null || ack === '') return {};
  if (isRecord(ack)) return ack;
  if (typeof ack !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(ack);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    // Not JSON: Slack cannot read it either; the caller records the violation.
    return undefined;
  }
}

/** Slack's reading of a boolean argument: form values arrive as "true"/"1"/"false"/"0". */
export function flag(v: unknown): boolean {
  if (typeof v === 'string') return v !== '' && v !== 'false' && v !== '0';
  return Boolean(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}
