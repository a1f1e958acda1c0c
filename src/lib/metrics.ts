// Prometheus metrics (SPEC §3.1, decision 0018): one prom-client Registry per process (built in src/deps.ts, never
// the global default), served as GET /metrics. Every label value is drawn from a fixed list: no user text, no
// user, team or channel id, no token can become a label, whatever Slack or a person sends.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { METHOD_ERRORS, outcomeOf } from './slack-error-table.ts';

export const REQUEST_KINDS = [
  'command',
  'block_actions',
  'view_submission',
  'view_closed',
  'shortcut',
  'block_suggestion',
  'event',
  'other',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const DIGEST_OUTCOMES = ['posted', 'skipped', 'failed'] as const;
export type DigestOutcome = (typeof DIGEST_OUTCOMES)[number];

const VOTE_DIMENSIONS = ['severity', 'frequency', 'effort'] as const;
const VOTE_CHANGES = ['set', 'changed', 'retracted'] as const;

/** Web API methods the app calls, the Socket Mode handshake, and replies to a response_url. */
const SLACK_METHODS = new Set<string>([
  ...Object.keys(METHOD_ERRORS),
  'apps.connections.open',
  'response_url',
]);
/** Outcomes that are not a Slack error code. */
const TRANSPORT_OUTCOMES = new Set(['ok', 'ratelimited', 'http_error', 'request_error', 'unknown_error']);

/** What a Slack request is, from its body: the `kind` label of the ack histogram. */
export function requestKind(body: Record<string, unknown>): RequestKind {
  if (typeof body.command === 'string') return 'command';
  switch (body.type) {
    case 'block_actions':
    case 'view_submission':
    case 'view_closed':
    case 'shortcut':
    case 'block_suggestion':
      return body.type;
    case 'message_action':
      return 'shortcut';
    case 'event_callback':
      return 'event';
    default:
      return 'other';
  }
}

/** A bounded `method` label: a method the app calls, `response_url`, or `other`. */
export function methodLabel(method: string): string {
  return SLACK_METHODS.has(method) ? method : 'other';
}

/** A bounded `outcome` label: ok, ratelimited, a documented Slack error code, or a transport failure. */
export function outcomeLabel(outcome: string): string {
  return TRANSPORT_OUTCOMES.has(outcome) || outcomeOf(outcome) !== null ? outcome : 'unknown_error';
}

export interface Metrics {
  /** False only when a benchmark switches instrumentation off (src/deps.ts, `observability: false`). */
  readonly enabled: boolean;
  readonly contentType: string;
  /** Time from a request's arrival to its ack. */
  acked(kind: RequestKind, seconds: number): void;
  slackCall(method: string, outcome: string): void;
  digest(outcome: DigestOutcome): void;
  voteCounted(dimension: string, change: string): void;
  itemFiled(): void;
  /** Read at every scrape: whether all posting is paused because Slack refused the token (SPEC §2.4). */
  watchPostingPause(paused: () => Promise<boolean>): void;
  /**
   * Prometheus text added to every scrape (BullMQ's queue export). A second source under one name replaces
   * the first, so starting workers twice on one set of deps does not export the queues twice.
   */
  addSource(name: string, source: () => Promise<string>): void;
  /** The exposition: this process's series, then each source's; a failing or slow source is left out. */
  render(): Promise<string>;
}

/** A source slower than this is left out of the scrape rather than holding it up. */
const SOURCE_TIMEOUT_MS = 2000;

function bounded(work: Promise<string>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(''), ms);
    timer.unref();
  });
  return Promise.race([work.catch(() => ''), late]).finally(() => clearTimeout(timer));
}

/**
 * Joins Prometheus texts whose families repeat (BullMQ exports each queue with its own HELP and TYPE lines):
 * one HELP and TYPE per family, then its samples; label pairs written without the space BullMQ puts after
 * each comma.
 */
export function mergeExposition(texts: readonly string[]): string {
  const families = new Map<string, { meta: string[]; samples: string[] }>();
  const family = (name: string) => {
    const found = families.get(name);
    if (found) return found;
    const f = { meta: [] as string[], samples: [] as string[] };
    families.set(name, f);
    return f;
  };
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) /.exec(line);
      if (meta) {
        const f = family(meta[2] ?? '');
        if (!f.meta.some((m) => m.startsWith(`# ${meta[1]} `))) f.meta.push(line);
        continue;
      }
      if (line.startsWith('#')) continue;
      const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
      if (name) family(name).samples.push(line.replace(/", (?=[a-zA-Z_])/g, '",'));
    }
  }
  let out = '';
  for (const f of families.values())
    if (f.samples.length > 0) out += `${[...f.meta, ...f.samples].join('\n')}\n`;
  return out;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const ack = new Histogram({
    name: 'debt_triage_ack_duration_seconds',
    help: 'Time from a Slack request reaching the app to its acknowledgement, by request kind',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const slackCalls = new Counter({
    name: 'debt_triage_slack_api_calls_total',
    help: 'HTTP requests sent to the Slack Web API (and to response URLs), by method and outcome',
    labelNames: ['method', 'outcome'],
    registers: [registry],
  });
  const digests = new Counter({
    name: 'debt_triage_digests_total',
    help: 'Scheduled weekly digests: posted, skipped (more than 24 h late), failed (lost for that week)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  const votes = new Counter({
    name: 'debt_triage_votes_total',
    help: 'Vote clicks counted (set, changed or retracted), by dimension',
    labelNames: ['dimension', 'change'],
    registers: [registry],
  });
  const filed = new Counter({
    name: 'debt_triage_items_filed_total',
    help: 'Debt items filed (a resubmitted modal counts once)',
    registers: [registry],
  });
  let pausedProbe: (() => Promise<boolean>) | undefined;
  new Gauge({
    name: 'debt_triage_posting_paused',
    help: '1 while all posting is paused because Slack refused the bot token (also in /readyz), else 0',
    registers: [registry],
    async collect() {
      if (!pausedProbe) return;
      // Redis down or slow: the last value stays (and /readyz says what is wrong).
      const paused = await bounded(
        pausedProbe().then((p) => (p ? '1' : '0')),
        SOURCE_TIMEOUT_MS,
      );
      if (paused !== '') this.set(Number(paused));
    },
  });
  // Series that alerts use start at 0, so the first increase is seen (increase() needs two samples).
  for (const outcome of DIGEST_OUTCOMES) digests.inc({ outcome }, 0);
  for (const dimension of VOTE_DIMENSIONS)
    for (const change of VOTE_CHANGES) votes.inc({ dimension, change }, 0);
  filed.inc(0);

  const sources = new Map<string, () => Promise<string>>();
  const oneOf = <T extends string>(list: readonly T[], value: string): T | 'other' =>
    (list as readonly string[]).includes(value) ? (value as T) : 'other';
  return {
    enabled: true,
    contentType: registry.contentType,
    acked: (kind, seconds) => ack.observe({ kind: oneOf(REQUEST_KINDS, kind) }, seconds),
    slackCall: (method, outcome) =>
      slackCalls.inc({ method: methodLabel(method), outcome: outcomeLabel(outcome) }),
    digest: (outcome) => digests.inc({ outcome: oneOf(DIGEST_OUTCOMES, outcome) }),
    voteCounted: (dimension, change) =>
      votes.inc({ dimension: oneOf(VOTE_DIMENSIONS, dimension), change: oneOf(VOTE_CHANGES, change) }),
    itemFiled: () => filed.inc(),
    watchPostingPause: (paused) => {
      pausedProbe = paused;
    },
    addSource: (name, source) => void sources.set(name, source),
    async render() {
      const [own, ...extra] = await Promise.all([
        registry.metrics(),
        ...[...sources.values()].map((source) => bounded(source(), SOURCE_TIMEOUT_MS)),
      ]);
      return `${own}${mergeExposition(extra)}`;
    },
  };
}

/** Instrumentation switched off (benchmarks only): counts nothing, serves an empty exposition. */
export function noMetrics(): Metrics {
  const nothing = () => {};
  return {
    enabled: false,
    contentType: 'text/plain; version=0.0.4; charset=utf-8',
    acked: nothing,
    slackCall: nothing,
    digest: nothing,
    voteCounted: nothing,
    itemFiled: nothing,
    watchPostingPause: nothing,
    addSource: nothing,
    render: async () => '',
  };
}

type Fetch = typeof globalThis.fetch;

/**
 * What a Slack answer was: ok, ratelimited (429), the error code of an `ok: false` body, or http_error. A
 * response URL's answer is judged by its status alone, which spares reading its body twice.
 */
async function answerOutcome(response: Response, readBody: boolean): Promise<string> {
  if (response.status === 429) return 'ratelimited';
  if (response.status !== 200) return 'http_error';
  if (!readBody || !(response.headers.get('content-type') ?? '').includes('json')) return 'ok';
  try {
    const body = (await response.clone().json()) as { ok?: unknown; error?: unknown };
    if (body.ok !== false) return 'ok';
    return typeof body.error === 'string' ? body.error : 'unknown_error';
  } catch {
    return 'ok';
  }
}

/**
 * A `fetch` for WebClients (their `fetch` option; Bolt also uses it for response URLs) that counts every HTTP
 * request sent to Slack: one per attempt, so a retried call counts each try.
 */
export function countingFetch(metrics: Metrics, apiUrl: string, base: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = url.startsWith(apiUrl)
      ? url.slice(apiUrl.length).split(/[?#]/)[0] || 'other'
      : 'response_url';
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      metrics.slackCall(method, 'request_error');
      throw error;
    }
    metrics.slackCall(method, await answerOutcome(response, method !== 'response_url'));
    return response;
  };
}
