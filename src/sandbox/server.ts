// The sandbox's own HTTP server: the page, its script and stylesheet, the workspace as one person sees it
// (long-polled), the people's requests, and the files the app uploaded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { z } from 'zod';
import { BadRequest, decoded, foreignRequest, issueText, readJson, reply } from './http-io.ts';
import { isPageRequest, PAGE_REQUESTS, type PageRequestName } from './page-api.ts';
import type { PageAssets } from './page-assets.ts';
import { NotReady, SandboxRefusal, type SandboxSession } from './session.ts';
import { PEOPLE } from './workspace.ts';
import { workspaceFor } from './workspace-view.ts';

export interface SandboxHandlers {
  session: () => SandboxSession;
  reset: (demo: boolean) => Promise<string>;
}

/** A long poll answers at the latest after this, so proxies and browsers never time it out. */
const LONG_POLL_MS = 20_000;

/**
 * Waits until the session's version passes `after`, or the long-poll time is up. An `after` beyond the version
 * is a page that saw an earlier sandbox process: it gets the current state at once.
 */
function changeAfter(session: SandboxSession, after: number, req: IncomingMessage): Promise<void> {
  if (session.version !== after) return Promise.resolve();
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

type Requests = { [K in PageRequestName]: z.infer<(typeof PAGE_REQUESTS)[K]> };
type Performers = { [K in PageRequestName]: (h: SandboxHandlers, body: Requests[K]) => Promise<unknown> };

/** What each POST does, given its body as zod parsed it. */
const PERFORM: Performers = {
  command: (h, body) => h.session().command(body),
  action: (h, body) => h.session().action(body),
  submit: async (h, body) => {
    const errors = await h.session().submit(body);
    return errors ? { errors } : undefined;
  },
  close: (h, body) => h.session().close(body),
  shortcut: (h, body) => h.session().shortcut(body),
  options: (h, body) => h.session().options(body),
  home: (h, body) => h.session().home(body),
  digest: async (h, body) => ({ said: await h.session().digest(body) }),
  reset: async (h, body) => ({ said: await h.reset(body.demo) }),
};

function perform<K extends PageRequestName>(handlers: SandboxHandlers, name: K, body: Requests[K]) {
  return PERFORM[name](handlers, body);
}

async function route(
  assets: PageAssets,
  handlers: SandboxHandlers,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const foreign = foreignRequest(req);
  if (foreign) return reply(res, 403, { ok: false, error: foreign });
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
  // The parse above matched `name`'s schema; TypeScript cannot tie the two together through the union.
  const answer = await perform(handlers, name, parsed.data as Requests[typeof name]);
  return reply(res, 200, { ok: true, ...(typeof answer === 'object' && answer !== null ? answer : {}) });
}

export function createSandboxServer(assets: PageAssets, handlers: SandboxHandlers): Server {
  return createServer((req, res) => {
    route(assets, handlers, req, res).catch((error: unknown) => {
      // A refusal is Slack's answer to what the person did; anything else is a bug worth its message.
      if (error instanceof SandboxRefusal) return reply(res, 200, { ok: false, error: error.message });
      if (error instanceof NotReady) return reply(res, 503, { ok: false, error: error.message });
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
