// The sandbox's own HTTP server: the page, its script and stylesheet, the workspace as one person sees it
// (long-polled), the people's requests, and the files the app uploaded.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { isPageRequest, PAGE_REQUESTS, type PageRequestName } from './page-api.ts';
import { SandboxRefusal, type SandboxSession } from './session.ts';
import { PEOPLE } from './workspace.ts';
import { workspaceFor } from './workspace-view.ts';

const PAGE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
const MAX_BODY = 1_000_000;
/** A long poll answers at the latest after this, so proxies and browsers never time it out. */
const LONG_POLL_MS = 20_000;

export interface PageAssets {
  html: string;
  css: string;
  script: string;
}

/** Bundles the page's TypeScript once at start (esbuild, a dev dependency: the sandbox is a dev tool). */
export async function buildPageAssets(): Promise<PageAssets> {
  const { build } = await import('esbuild');
  const bundled = await build({
    entryPoints: [`${PAGE_DIR}main.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    sourcemap: 'inline',
  });
  return {
    html: readFileSync(`${PAGE_DIR}index.html`, 'utf8'),
    css: readFileSync(`${PAGE_DIR}sandbox.css`, 'utf8'),
    script: bundled.outputFiles[0]?.text ?? '',
  };
}

/**
 * A request no page sends (not JSON, too large, a bad query): answered with its HTTP status, unlike a refusal,
 * which is Slack's answer to something a person did and comes back as `{ ok: false }` with 200.
 */
class BadRequest extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

export interface SandboxHandlers {
  session: () => SandboxSession;
  reset: (demo: boolean) => Promise<string>;
}

function reply(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8') {
  if (res.writableEnded) return;
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(payload);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
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

/** Waits until the session's version passes `after`, or the long-poll time is up. */
function changeAfter(session: SandboxSession, after: number, req: IncomingMessage): Promise<void> {
  if (session.version > after) return Promise.resolve();
  return new Promise((done) => {
    const finish = () => {
      clearTimeout(timer);
      stop();
      done();
    };
    const timer = setTimeout(finish, LONG_POLL_MS);
    const stop = session.onChange(() => {
      if (session.version > after) finish();
    });
    req.once('close', finish);
  });
}

async function perform(handlers: SandboxHandlers, name: PageRequestName, body: unknown): Promise<unknown> {
  const session = handlers.session();
  switch (name) {
    case 'command':
      return session.command(PAGE_REQUESTS.command.parse(body));
    case 'action':
      return session.action(PAGE_REQUESTS.action.parse(body));
    case 'submit': {
      const errors = await session.submit(PAGE_REQUESTS.submit.parse(body));
      return errors ? { errors } : undefined;
    }
    case 'close':
      return session.close(PAGE_REQUESTS.close.parse(body));
    case 'shortcut':
      return session.shortcut(PAGE_REQUESTS.shortcut.parse(body));
    case 'options':
      return session.options(PAGE_REQUESTS.options.parse(body));
    case 'home':
      return session.home(PAGE_REQUESTS.home.parse(body));
    case 'digest':
      return { said: await session.digest(PAGE_REQUESTS.digest.parse(body)) };
    case 'reset':
      return { said: await handlers.reset(PAGE_REQUESTS.reset.parse(body).demo) };
  }
}

/** The first problem zod found, with where it is (`source.kind: …`), so a 400 names the field. */
function issueText(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}

/** A path segment decoded, or null for a malformed escape (`%E0%A4%A`): a file nobody has, not a crash. */
function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}

async function route(
  assets: PageAssets,
  handlers: SandboxHandlers,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const path = url.pathname;
  if (req.method === 'GET') {
    if (path === '/') return reply(res, 200, assets.html, 'text/html; charset=utf-8');
    if (path === '/sandbox.js') return reply(res, 200, assets.script, 'text/javascript; charset=utf-8');
    // No icon: answered empty so the browser's console stays clean.
    if (path === '/favicon.ico') return reply(res, 204, '');
    if (path === '/sandbox.css') return reply(res, 200, assets.css, 'text/css; charset=utf-8');
    if (path === '/sandbox/state') {
      const session = handlers.session();
      const user = url.searchParams.get('user') ?? '';
      const me = PEOPLE.some((p) => p.id === user) ? user : (PEOPLE[0]?.id ?? '');
      const after = Number(url.searchParams.get('after') ?? -1);
      // NaN would never be passed: the poll would hang for its whole time instead of saying what is wrong.
      if (!Number.isInteger(after))
        throw new BadRequest(400, 'bad request: after must be a state version (a whole number, or -1)');
      await changeAfter(session, after, req);
      return reply(res, 200, workspaceFor(handlers.session(), me));
    }
    if (path.startsWith('/sandbox/files/')) {
      const id = decoded(path.slice('/sandbox/files/'.length));
      const file = id === null ? undefined : handlers.session().fake.file(id);
      if (!file?.uploaded) return reply(res, 404, { ok: false, error: 'file_not_found' });
      const type = file.imageType
        ? `image/${file.imageType}`
        : file.name.endsWith('.csv')
          ? 'text/csv'
          : 'application/octet-stream';
      return reply(res, 200, file.bytes, type);
    }
    return reply(res, 404, { ok: false, error: 'not_found' });
  }
  const name = path.startsWith('/sandbox/') ? path.slice('/sandbox/'.length) : '';
  if (req.method !== 'POST' || !isPageRequest(name))
    return reply(res, 404, { ok: false, error: 'not_found' });
  const body = await readJson(req);
  const parsed = PAGE_REQUESTS[name].safeParse(body);
  if (!parsed.success)
    return reply(res, 400, { ok: false, error: `bad request: ${issueText(parsed.error)}` });
  const answer = await perform(handlers, name, parsed.data);
  return reply(res, 200, { ok: true, ...(typeof answer === 'object' && answer !== null ? answer : {}) });
}

export function createSandboxServer(assets: PageAssets, handlers: SandboxHandlers): Server {
  return createServer((req, res) => {
    route(assets, handlers, req, res).catch((error: unknown) => {
      // A refusal is Slack's answer to what the person did; anything else is a bug worth its message.
      if (error instanceof SandboxRefusal) return reply(res, 200, { ok: false, error: error.message });
      if (error instanceof BadRequest) {
        // The rest of a body too large to read is still on its way: the connection cannot carry another request.
        if (error.status === 413 && !res.headersSent) res.setHeader('connection', 'close');
        return reply(res, error.status, { ok: false, error: error.message });
      }
      process.stderr.write(
        `sandbox: ${req.method} ${req.url}: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      reply(res, 500, { ok: false, error: 'internal_error' });
    });
  });
}
