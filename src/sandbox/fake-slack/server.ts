// FakeSlack: a loopback Web API (and response_url endpoint) that answers like Slack and records every rule broken.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { receiveUpload, sendText, uploadFailureAnswer } from './files.ts';
import { deferred, describeCalls, type HttpReply, json, loadScopes, type PendingHold, send } from './http.ts';
import { checkCall, checkScopes, HANDLERS } from './methods.ts';
import { parseRequest, readBody } from './parse.ts';
import { RateLimiter } from './rate-limits.ts';
import { answerCommandAck, answerResponseUrl } from './responses.ts';
import { SocketHub } from './socket.ts';
import { SlackState } from './state.ts';
import type { Failure, FakeCall, FakeSlackOptions, HoldHandle, ResponseContext } from './types.ts';
import { pollUntil, type Truthy } from './wait.ts';
import { FakeWorkspace } from './workspace-api.ts';

const DEFAULT_MANIFEST = fileURLToPath(new URL('../../../manifest.yml', import.meta.url));

/** An injected failure as Slack sends it (see `Failure`), or `drop`: close the connection without answering. */
function failureAnswer(failure: Failure): HttpReply | 'drop' {
  if ('drop' in failure) return 'drop';
  if ('error' in failure) {
    const limited = failure.error === 'ratelimited';
    const retryAfter = failure.retryAfter === undefined ? (limited ? 1 : null) : failure.retryAfter;
    return {
      status: failure.status ?? (limited ? 429 : 200),
      ...(retryAfter === null ? {} : { headers: { 'retry-after': String(retryAfter) } }),
      body: { ok: false, error: failure.error },
    };
  }
  if (failure.status === 429) return failureAnswer({ error: 'ratelimited', retryAfter: failure.retryAfter });
  const error = failure.status === 503 ? 'service_unavailable' : 'internal_error';
  return json({ ok: false, error }, failure.status);
}

export class FakeSlack extends FakeWorkspace {
  /**
   * Every Web API call (and every response_url POST, as method `response_url`, and upload as `upload`), oldest
   * first; only the last `recordCalls` of them when that option is a number.
   */
  readonly calls: FakeCall[] = [];
  private callLimit = Number.POSITIVE_INFINITY;
  readonly url: string;
  private readonly failures = new Map<
    string,
    { failure: Failure; when?: (args: FakeCall['args']) => boolean }[]
  >();
  private readonly holds = new Map<string, PendingHold[]>();

  /** Enforces `rateLimits` when given; `limited` counts the 429s it answered, by method. */
  rateLimiter: RateLimiter | null = null;
  /** Socket Mode: the WebSocket an app opens with its app-level token, and the envelopes sent over it. */
  readonly socket: SocketHub;

  private constructor(
    private readonly server: Server,
    state: SlackState,
    readonly origin: string,
  ) {
    super(state);
    this.url = `${origin}/api/`;
    this.socket = new SocketHub(server, origin, (problem) => state.violation(problem));
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const state = new SlackState(options.teamId ?? 'T0FAKE', options.now ?? Date.now);
    const { scopes, problem } = loadScopes(options.manifestPath ?? DEFAULT_MANIFEST);
    state.botScopes = scopes;
    if (problem) state.violation(problem);
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeSlack(server, state, `http://127.0.0.1:${port}`);
    state.origin = fake.origin;
    state.keepUploads = options.uploads !== 'measure';
    fake.rateLimiter = options.rateLimits ? new RateLimiter(options.rateLimits) : null;
    const keep = options.recordCalls ?? true;
    fake.callLimit =
      keep === true ? Number.POSITIVE_INFINITY : keep === false ? 0 : Math.max(0, Math.floor(keep));
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((err: unknown) => {
        fake.state.violation(
          `fake-slack crashed on ${req.url}: ${err instanceof Error ? err.stack : String(err)}`,
        );
        send(res, json({ ok: false, error: 'fatal_error' }, 500));
      });
    });
    return fake;
  }

  get teamId(): string {
    return this.state.teamId;
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Forgets calls, messages (ephemerals too), views and modals, responses, violations, pending failures and
   * holds; keeps users, channels, taints, and the triggers and response_urls already issued.
   */
  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
    this.releaseHolds();
    this.state.reset();
    this.changed();
  }

  /** reset(), and every trigger and response_url issued stops working: the sandbox's fresh workspace. */
  resetWorkspace(): void {
    this.state.forgetInteractions();
    this.reset();
  }

  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    throw new Error(`Slack rules broken:\n${this.violations.map((v) => `  - ${v}`).join('\n')}`);
  }

  /** Registers user input; any payload carrying it verbatim (unescaped) is a violation if it holds <, > or &. */
  taint(...texts: string[]): void {
    this.state.tainted.push(...texts);
  }

  /**
   * Fails the next `times` calls of `method` (only those whose arguments `when` accepts, if given), with the
   * HTTP status and headers Slack uses for that failure (see `Failure`). `upload` stands for the POST of a file's
   * bytes to its upload URL (args `{ file_id }`), answered as the upload service would (files.ts).
   */
  failNext(method: string, failure: Failure, times = 1, when?: (args: FakeCall['args']) => boolean): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(when ? { failure, when } : { failure });
    this.failures.set(method, queue);
  }

  /** Withholds the HTTP reply to the next call of `method` (which is still processed) until `release()`. */
  hold(method: string): HoldHandle {
    const pending: PendingHold = { arrived: deferred<FakeCall>(), released: deferred<void>() };
    this.holds.set(method, [...(this.holds.get(method) ?? []), pending]);
    return { held: pending.arrived.promise, release: () => pending.released.resolve() };
  }

  /** A trigger_id as an interaction payload carries it; with `userId`, a modal opened with it is that person's. */
  issueTriggerId(userId?: string): string {
    return this.state.issueTrigger(userId);
  }

  /**
   * A response_url as an interaction payload carries it. With `context` (who interacted, where, on which
   * message), what the app POSTs there takes effect in the workspace (responses.ts); without, it is recorded.
   */
  issueResponseUrl(context?: ResponseContext): string {
    return `${this.origin}/response/${this.state.issueResponseUrl(context)}`;
  }

  /**
   * The app's HTTP answer (`status` 200) to the slash command that carried `responseUrl`, as Slack reads it: a
   * body with a message is the command's answer, shown and kept among `responses(responseUrl)` like one POSTed
   * there (responses.ts answerCommandAck). True when it shows something.
   */
  commandAcked(responseUrl: string, ack: { text: string; json?: unknown }): boolean {
    const shown = answerCommandAck(this.state, (c) => this.record(c), responseUrl, ack);
    this.changed();
    return shown;
  }

  /** Answers to a response_url in order: a slash command's answer in its ack first, then bodies POSTed there. */
  responses(url: string): Record<string, unknown>[] {
    const id = url.split('/').pop() ?? '';
    return [...(this.state.responseUrls.get(id)?.bodies ?? [])];
  }

  /** Polls until `predicate` returns something truthy and resolves with it; on timeout lists recent calls. */
  waitFor<T>(predicate: () => T | Promise<T>, timeoutMs = 5000): Promise<Truthy<T>> {
    return pollUntil(predicate, timeoutMs, () => {
      const broken = this.violations.length ? `\nviolations:\n  ${this.violations.join('\n  ')}` : '';
      return `recent calls:\n${describeCalls(this.calls)}${broken}`;
    });
  }

  async close(): Promise<void> {
    this.releaseHolds();
    this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(call: FakeCall): void {
    this.calls.push(call);
    while (this.calls.length > this.callLimit) this.calls.shift();
  }

  private takeFailure(method: string, args: FakeCall['args']): Failure | undefined {
    const queue = this.failures.get(method) ?? [];
    const i = queue.findIndex((f) => !f.when || f.when(args));
    return i < 0 ? undefined : queue.splice(i, 1)[0]?.failure;
  }

  private releaseHolds(): void {
    for (const queue of this.holds.values()) for (const h of queue) h.released.resolve();
    this.holds.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.origin).pathname;
    const arrivedAt = this.state.now();
    // Upload bodies are bytes, not a form: read apart from the Web API's.
    if (path.startsWith('/upload/'))
      return this.handleUpload(path.slice('/upload/'.length), req, res, arrivedAt);
    const body = await readBody(req);
    if (req.method !== 'POST') return send(res, json({ ok: false, error: 'method_not_allowed' }, 405));
    if (path.startsWith('/api/'))
      return this.handleApi(path.slice('/api/'.length), req, body, res, arrivedAt);
    if (path.startsWith('/response/')) {
      const reply = answerResponseUrl(this.state, (c) => this.record(c), `${this.origin}${path}`, req, body);
      this.changed();
      return send(res, reply);
    }
    return send(res, json({ ok: false, error: 'not_found' }, 404));
  }

  /** The POST of a file's bytes to the URL files.getUploadURLExternal gave, recorded as a call to `upload`. */
  private async handleUpload(
    fileId: string,
    req: IncomingMessage,
    res: ServerResponse,
    arrivedAt: number,
  ): Promise<void> {
    const args = { file_id: fileId, content_type: req.headers['content-type'] ?? '' };
    this.record({ method: 'upload', args, at: arrivedAt });
    try {
      if (req.method !== 'POST') return sendText(res, { status: 405, text: 'method not allowed' });
      const failure = this.takeFailure('upload', args);
      if (failure) {
        const answer = uploadFailureAnswer(failure);
        req.resume();
        return answer === 'drop' ? void res.destroy() : sendText(res, answer);
      }
      sendText(res, await receiveUpload(this.state, fileId, req));
    } finally {
      this.changed();
    }
  }

  private async handleApi(
    method: string,
    req: IncomingMessage,
    body: string,
    res: ServerResponse,
    arrivedAt: number,
  ): Promise<void> {
    const { args, token, problems } = parseRequest(req, body);
    // Stamped when the request arrived, before its body was read: what Slack's rate limiter would see.
    const call: FakeCall = { method, args, at: arrivedAt };
    this.record(call);
    for (const p of problems) this.state.violation(`${method}: ${p}`);
    const reply = this.answer(method, args, token);
    // Before any hold: the call has taken effect, whether or not its reply is withheld.
    this.changed();
    const hold = this.holds.get(method)?.shift();
    if (hold) {
      hold.arrived.resolve(call);
      await hold.released.promise;
    }
    if (reply === 'drop') res.destroy();
    else send(res, reply);
  }

  private answer(method: string, args: FakeCall['args'], token: string | undefined): HttpReply | 'drop' {
    const handler = HANDLERS[method];
    const appLevel = method === 'apps.connections.open';
    if (!handler && !appLevel) {
      this.state.violation(`unknown method ${method}`);
      return json({ ok: false, error: 'unknown_method' });
    }
    const refused = handler ? checkCall(this.state, method, args) : undefined;
    const failure = this.takeFailure(method, args) ?? this.rateLimiter?.check(method, args, this.state.now());
    if (failure) return failureAnswer(failure);

    if (!token) return json({ ok: false, error: 'not_authed' });
    // Socket Mode's one method takes the app-level token, which carries no bot scopes.
    if (!handler) return json(this.socket.open(token));
    const unscoped = checkScopes(this.state, method, args);
    if (unscoped) return json(unscoped);
    if (refused) return json(refused);
    return json(handler(this.state, args));
  }
}
