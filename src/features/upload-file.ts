// One file to Slack by the current upload flow: files.getUploadURLExternal, POST the bytes, files.completeUploadExternal.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { webApi } from '@slack/bolt';
import type { Logger } from '../lib/logger.ts';
import { classifySlackError } from '../lib/slack-errors.ts';

export interface UploadRequest {
  filename: string;
  title: string;
  /** Bytes in memory, or a file on disk streamed from there (a large export is never one string in memory). */
  content: Buffer | { path: string };
  /** For screen readers (images); Slack's limit is 1000 characters. */
  altText?: string;
  /** Shares the file there (a `D…` id for a DM, from conversations.open); without it the file stays private. */
  channelId?: string;
  threadTs?: string;
  /** The text of the message that shares the file; trusted mrkdwn (escape user text first). */
  initialComment?: string;
}

/** Each step is tried this often when Slack rate-limits it, waiting as Slack asks but never longer than this. */
const MAX_TRIES = 3;
const MAX_WAIT_SECONDS = 30;
/** files.getUploadURLExternal: alt_txt_too_large past 1000 characters. */
const ALT_TXT_MAX = 1000;
/** Long enough for a large export on a slow link; a hung upload still ends. */
const UPLOAD_TIMEOUT_MS = 120_000;

/**
 * The upload POST answered with a status other than 200. Shaped like @slack/web-api's WebAPIHTTPError (`code`,
 * `statusCode`, `headers`, `body`), so classifySlackError reports it as `http_<status>` (transient), but its
 * message says it was the upload.
 */
export class UploadHttpError extends Error {
  readonly code = webApi.ErrorCode.HTTPError;

  constructor(
    readonly statusCode: number,
    readonly statusMessage: string,
    readonly headers: Record<string, string>,
    readonly body: string,
  ) {
    super(`Slack's upload service answered HTTP ${statusCode}${body ? `: ${body.slice(0, 200)}` : ''}`);
    this.name = 'UploadHttpError';
  }
}

/** Runs one step at most MAX_TRIES times, waiting out Slack's rate limit (Retry-After, capped) between tries. */
async function waitingOutRateLimits<T>(
  step: string,
  run: () => Promise<T>,
  logger: Logger | undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'rate_limited' || attempt >= MAX_TRIES) throw error;
      const seconds = Math.min(failure.retryAfterSeconds, MAX_WAIT_SECONDS);
      logger?.info('file upload rate-limited; waiting as Slack asked', { step, attempt, seconds });
      await sleep(seconds * 1000);
    }
  }
}

async function byteLength(content: UploadRequest['content']): Promise<number> {
  return Buffer.isBuffer(content) ? content.length : (await stat(content.path)).size;
}

/**
 * POSTs the bytes as raw octets ("Files can be sent as raw bytes or can be multipart form encoded", the
 * files.getUploadURLExternal usage info). A file on disk is streamed, opened afresh for every try.
 */
interface OpenBody {
  body: RequestInit['body'];
  /** Only for a stream: fetch sets a Buffer's length itself, and a second value would make the header invalid. */
  headers: Record<string, string>;
  close(): void;
}

function openBody(content: UploadRequest['content'], length: number): OpenBody {
  if (Buffer.isBuffer(content)) return { body: content, headers: {}, close: () => undefined };
  const stream = createReadStream(content.path);
  // With its length stated, a streamed body goes out as one fixed-length body rather than chunked, as the SDKs
  // (which upload Buffers) send it too.
  return {
    body: Readable.toWeb(stream) as ReadableStream<Uint8Array>,
    headers: { 'content-length': String(length) },
    close: () => stream.destroy(),
  };
}

async function postBytes(url: string, content: UploadRequest['content'], length: number): Promise<void> {
  const { body, headers, close } = openBody(content, length);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...headers },
      body,
      // A streamed request body must say so (fetch's `duplex`, required by Node for a stream body).
      duplex: 'half',
      redirect: 'error',
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch (error) {
    throw new webApi.WebAPIRequestError(error instanceof Error ? error : new Error(String(error)));
  } finally {
    close();
  }
  const text = await res.text();
  const retryAfter = Number(res.headers.get('retry-after'));
  if (res.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0)
    throw new webApi.WebAPIRateLimitedError(retryAfter);
  // Slack answers 200 (with `OK - <bytes>`) when the upload worked; anything else is a failed upload.
  if (res.status !== 200)
    throw new UploadHttpError(res.status, res.statusText, Object.fromEntries(res.headers.entries()), text);
}

/**
 * Uploads one file and returns its id. Rate limits are waited out per step (the worker's client rejects
 * rate-limited calls rather than waiting itself); any other failure is thrown as @slack/web-api would throw it,
 * so classifySlackError can say what to do. A failure after the upload step may leave an unshared file behind.
 */
export async function uploadFile(
  client: webApi.WebClient,
  req: UploadRequest,
  logger?: Logger,
): Promise<{ fileId: string }> {
  if (req.threadTs && !req.channelId) throw new Error('uploadFile: threadTs needs a channelId');
  const length = await byteLength(req.content);
  // Slack documents the argument as alt_txt; @slack/web-api's type says alt_text, which Slack does not read.
  const ticketArgs: webApi.FilesGetUploadURLExternalArguments & { alt_txt?: string } = {
    filename: req.filename,
    length,
    ...(req.altText ? { alt_txt: req.altText.slice(0, ALT_TXT_MAX) } : {}),
  };
  const ticket = await waitingOutRateLimits(
    'files.getUploadURLExternal',
    () => client.files.getUploadURLExternal(ticketArgs),
    logger,
  );
  const { upload_url: uploadUrl, file_id: fileId } = ticket;
  if (!uploadUrl || !fileId) throw new Error('files.getUploadURLExternal returned no upload_url or file_id');

  await waitingOutRateLimits('upload', () => postBytes(uploadUrl, req.content, length), logger);

  const files: webApi.FilesCompleteUploadExternalArguments['files'] = [{ id: fileId, title: req.title }];
  const comment = req.initialComment ? { initial_comment: req.initialComment } : {};
  const completion: webApi.FilesCompleteUploadExternalArguments = req.channelId
    ? req.threadTs
      ? { files, channel_id: req.channelId, thread_ts: req.threadTs, ...comment }
      : { files, channel_id: req.channelId, ...comment }
    : { files, ...comment };
  await waitingOutRateLimits(
    'files.completeUploadExternal',
    () => client.files.completeUploadExternal(completion),
    logger,
  );
  return { fileId };
}
