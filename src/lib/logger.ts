// Structured logs (SPEC §3.1, decision 0018): pino, one JSON object per line on stderr, filtered by LOG_LEVEL.
// Every value goes through `clean` first: tokens, secrets and signatures redacted, errors serialized with their
// Slack `code`, `data` and `cause` chain, circular values cut, long strings truncated. The request id of the
// request (or job) being served is added to every line (src/lib/request-context.ts).
import { pino, stdSerializers } from 'pino';
import type { LogLevel } from '../config.ts';
import { currentRequestId } from './request-context.ts';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Strings longer than this are cut (a 100 KB Slack payload must not become a 100 KB log line). */
export const MAX_STRING = 10_000;
const MAX_DEPTH = 8;
const MAX_ENTRIES = 100;
export const REDACTED = '[redacted]';

/** Keys whose values are never written: tokens, secrets, signatures, credentials. */
const SECRET_KEY = /token|secret|password|passwd|authorization|signature|cookie|api[-_]?key|credential/i;
/** Slack tokens wherever they appear in a string: bot, user, app-level, refresh, configuration tokens. */
const SLACK_TOKEN = /xox[abeoprs]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+/g;

function cleanText(text: string): string {
  const redacted =
    text.includes('xox') || text.includes('xapp-') ? text.replace(SLACK_TOKEN, REDACTED) : text;
  return redacted.length > MAX_STRING
    ? `${redacted.slice(0, MAX_STRING)}…[truncated ${redacted.length - MAX_STRING} chars]`
    : redacted;
}

function isErrorLike(value: object): value is Error {
  return value instanceof Error || (typeof (value as Error).message === 'string' && 'stack' in value);
}

function read(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return '[unreadable]';
  }
}

function cleanEntries(entries: Iterable<[string, unknown]>, depth: number, seen: Set<object>): LogFields {
  const out: LogFields = {};
  let count = 0;
  for (const [key, value] of entries) {
    if (count++ >= MAX_ENTRIES) {
      out['…'] = 'more keys left out';
      break;
    }
    if (value === undefined) continue;
    out[key] = SECRET_KEY.test(key) ? REDACTED : clean(value, depth + 1, seen);
  }
  return out;
}

/** An error pino's serializer already turned into an object: its original is behind the hidden `raw`. */
function serializedErrorOrigin(value: object): Error | null {
  if (Object.getPrototypeOf(value) === Object.prototype || value instanceof Error) return null;
  const raw = 'raw' in value ? read(value, 'raw') : undefined;
  return raw instanceof Error ? raw : null;
}

/** An error serialized by pino (type, message, stack, own fields such as Slack's `code` and `data`, cause). */
function cleanSerializedError(
  serialized: object,
  origin: Error,
  depth: number,
  seen: Set<object>,
): LogFields {
  const out = cleanEntries(
    Object.keys(serialized).map((k) => [k, read(serialized, k)]),
    depth,
    seen,
  );
  // A cause that is not an Error (a string, an object) is kept too; pino's serializer keeps Error causes only.
  const cause = read(origin, 'cause');
  if (out.cause === undefined && cause !== undefined) out.cause = clean(cause, depth + 1, seen);
  return out;
}

/** Turns any value into something JSON can write on one line, without secrets. Never throws. */
function clean(value: unknown, depth: number, seen: Set<object>): unknown {
  switch (typeof value) {
    case 'string':
      return cleanText(value);
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
  }
  if (value === null) return null;
  const object = value as object;
  if (seen.has(object)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(object);
  try {
    const origin = serializedErrorOrigin(object);
    if (origin) return cleanSerializedError(object, origin, depth, seen);
    if (isErrorLike(object))
      return cleanSerializedError(stdSerializers.errWithCause(object), object, depth, seen);
    if (Array.isArray(object)) {
      const items = object.slice(0, MAX_ENTRIES).map((v) => clean(v, depth + 1, seen));
      if (object.length > MAX_ENTRIES) items.push(`…${object.length - MAX_ENTRIES} more`);
      return items;
    }
    if (object instanceof Date) return Number.isNaN(object.getTime()) ? 'Invalid Date' : object.toISOString();
    if (ArrayBuffer.isView(object)) return `[${object.constructor.name} ${object.byteLength} bytes]`;
    if (object instanceof Map)
      return cleanEntries(
        [...object].map(([k, v]) => [String(k), v]),
        depth,
        seen,
      );
    if (object instanceof Set) return clean([...object], depth, seen);
    const proto = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      // A class instance (a socket, a request, a client): its JSON form if it has one, else only its name.
      const toJSON = read(object, 'toJSON');
      if (typeof toJSON === 'function') return clean(toJSON.call(object), depth + 1, seen);
      return `[${(object.constructor as { name?: string } | undefined)?.name ?? 'object'}]`;
    }
    return cleanEntries(
      Object.keys(object).map((k) => [k, read(object, k)]),
      depth,
      seen,
    );
  } catch {
    return '[unserializable]';
  } finally {
    seen.delete(object);
  }
}

/** The fields of one log line, made safe to write (exported for tests and the Bolt adapter). */
export function cleanFields(fields: LogFields): LogFields {
  const cleaned = clean(fields, 0, new Set());
  return typeof cleaned === 'object' && cleaned !== null && !Array.isArray(cleaned)
    ? (cleaned as LogFields)
    : { fields: cleaned };
}

/**
 * JSON escapes every control character, but not U+0085, U+2028 and U+2029, which some line readers split on.
 * They can only occur inside JSON strings, where their \u escapes mean the same.
 */
const LINE_BREAKING = /[\u0085\u2028\u2029]/;
const LINE_BREAKING_ALL = /[\u0085\u2028\u2029]/g;
function oneLine(line: string): string {
  const text = line.endsWith('\n') ? line.slice(0, -1) : line;
  return LINE_BREAKING.test(text)
    ? text.replace(LINE_BREAKING_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : text;
}

const stderrLine = (line: string) => void process.stderr.write(`${line}\n`);

function wrap(p: pino.Logger): Logger {
  const log = (level: LogLevel) => (message: string, fields?: LogFields) => {
    if (!p.isLevelEnabled(level)) return;
    p[level](fields ? cleanFields(fields) : {}, cleanText(String(message)));
  };
  return {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: (fields) => wrap(p.child(cleanFields(fields))),
  };
}

/**
 * A logger writing one JSON line per event through `write` (default: stderr). Lines carry `time`, `level` (its
 * name), the request id when there is one, the fields, and `msg`. Tests pass `write` to capture lines.
 */
export function createLogger(
  level: LogLevel,
  base: LogFields = {},
  write: (line: string) => void = stderrLine,
) {
  const root = pino(
    {
      level,
      base: null,
      // Values arrive already serialized by `clean`; pino's own error serializer would redo it.
      serializers: { err: (value: unknown) => value },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const requestId = currentRequestId();
        return requestId === undefined ? {} : { requestId };
      },
    },
    { write: (line: string) => write(oneLine(line)) },
  );
  const logger = wrap(root);
  return Object.keys(base).length > 0 ? logger.child(base) : logger;
}

/** The level names Slack's SDK loggers use (@slack/logger's LogLevel values). */
type SlackLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * A logger for Slack's SDK (Bolt, its receivers, WebClients): its lines go into ours. Strings make the message;
 * an Error becomes `error` (code, data and cause kept), anything else `details`.
 */
export function slackLogger<L extends string>(logger: Logger, level: L) {
  const line =
    (at: SlackLevel) =>
    (...msg: unknown[]) => {
      const text: string[] = [];
      const details: unknown[] = [];
      let error: unknown;
      for (const part of msg) {
        if (typeof part === 'string') text.push(part);
        else if (part instanceof Error && error === undefined) error = part;
        else details.push(part);
      }
      logger[at](text.join(' '), {
        source: 'bolt',
        ...(error === undefined ? {} : { error }),
        ...(details.length === 0 ? {} : { details }),
      });
    };
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    setLevel: () => {},
    getLevel: () => level,
    setName: () => {},
  };
}
