// Slack's file upload flow: files.getUploadURLExternal, the POST of the bytes to the upload URL, files.completeUploadExternal.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { isObj, list } from './block-rules.ts';
import { botMessage } from './content.ts';
import { fail } from './http.ts';
import { str } from './parse.ts';
import { BOT_USER_ID, type SlackState } from './state.ts';
import { addMessage } from './threads.ts';
import type { Args, Failure, FakeFile, Reply } from './types.ts';

// https://docs.slack.dev/reference/methods/files.getUploadURLExternal (errors: alt_txt_too_large "longer than the
// limit of 1000 character").
const ALT_TXT_MAX = 1000;

/**
 * files.getUploadURLExternal: announces a file (name and byte length) and hands back where to POST it.
 * Reply as in the method's example response: `{ ok, upload_url, file_id }`
 * (docs.slack.dev/reference/methods/files.getUploadURLExternal, "Example responses").
 */
export function getUploadURLExternal(s: SlackState, a: Args): Reply {
  const filename = str(a.filename);
  // A required argument missing or of the wrong type: Slack's argument validation answers invalid_arguments
  // with a reason in response_metadata.messages (the shape bolt-js#2115 quotes for completeUploadExternal).
  if (!filename) return fail('invalid_arguments', 'missing required field: filename');
  const rawLength = str(a.length);
  if (rawLength === undefined) return fail('invalid_arguments', 'missing required field: length');
  if (!/^\d+$/.test(rawLength)) return fail('invalid_arguments', 'length must be an integer');
  const length = Number(rawLength);
  // The method's errors: missing_argument "Typically only occurs when the length provided is 0".
  if (length === 0) return fail('missing_argument');
  if (a.alt_text !== undefined && a.alt_txt === undefined) {
    // Slack's argument is alt_txt; @slack/web-api's types (and its filesUploadV2) send alt_text, which Slack
    // does not document and screen readers would never get.
    s.violation('files.getUploadURLExternal: alt_text given; Slack reads alt_txt');
  }
  const altText = str(a.alt_txt);
  if (altText !== undefined && altText.length > ALT_TXT_MAX) return fail('alt_txt_too_large');
  const id = s.nextFileId();
  const file: FakeFile = {
    id,
    name: filename,
    title: filename,
    length,
    bytes: Buffer.alloc(0),
    received: 0,
    sha256: '',
    imageType: null,
    uploaded: false,
    completed: false,
    channels: [],
    created: Math.floor(s.now() / 1000),
  };
  if (altText !== undefined) file.altText = altText;
  const snippetType = str(a.snippet_type);
  if (snippetType !== undefined) file.snippetType = snippetType;
  s.files.set(id, file);
  return { ok: true, upload_url: `${s.origin}/upload/${id}`, file_id: id };
}

/** `files` arrives as a JSON array (a string in a form body): `[{ id, title? }]`. */
function completions(v: unknown): { id: string; title?: string }[] | null {
  let value = v;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!Array.isArray(value) || value.length === 0) return null;
  const out: { id: string; title?: string }[] = [];
  for (const entry of value) {
    if (!isObj(entry) || typeof entry.id !== 'string') return null;
    out.push(typeof entry.title === 'string' ? { id: entry.id, title: entry.title } : { id: entry.id });
  }
  return out;
}

/** Why the bot cannot share a file into `channel` (Slack's code), or undefined when it can. */
function shareRefusal(s: SlackState, channel: string): Reply | undefined {
  // Only conversation ids: a user id is refused (bolt-js#2115: "input must match regex pattern:
  // ^[CGDZ][A-Z0-9]{8,}$ [json-pointer:/channel_id]"); the fake's test ids are shorter, so only the prefix is checked.
  if (!/^[CGDZ][A-Z0-9]+$/.test(channel))
    return fail(
      'invalid_arguments',
      'input must match regex pattern: ^[CGDZ][A-Z0-9]{8,}$ [json-pointer:/channel_id]',
    );
  if (s.isDm(channel)) return undefined;
  const ch = s.channel(channel);
  // The method's docs list invalid_channel ("Channel could not be found or channel specified is invalid"), but
  // Slack answers channel_not_found for a channel the bot cannot see (python-slack-sdk#1325).
  if (!ch || (ch.is_private && !ch.is_member)) return fail('channel_not_found');
  if (ch.is_archived) return fail('is_archived');
  // Sharing a file needs real membership: chat:write.public does not stand in for it (getnao/nao#1372).
  if (!ch.is_member) return fail('not_in_channel');
  return undefined;
}

/**
 * files.completeUploadExternal: finishes the uploads and, with `channel_id`, shares them there as one message.
 * Reply as in the method's example response, `{ ok, files: [{ id, title, … }] }`
 * (docs.slack.dev/reference/methods/files.completeUploadExternal, "Example responses").
 */
export function completeUploadExternal(s: SlackState, a: Args): Reply {
  const wanted = completions(a.files);
  if (!wanted) return fail('invalid_arguments', 'files must be a non-empty array of { id, title? }');
  const channelArg = str(a.channel_id);
  const threadTs = str(a.thread_ts);
  if (threadTs && !channelArg) return fail('invalid_arguments', 'thread_ts needs channel_id');
  const channel = channelArg ? s.resolveChannel(channelArg) : undefined;
  if (channelArg) {
    const refused = shareRefusal(s, channelArg);
    if (refused) return refused;
  }
  const files: FakeFile[] = [];
  for (const { id } of wanted) {
    const file = s.files.get(id);
    // The method's errors: file_not_found "Could not find the file from the upload ticket" — also for a ticket
    // whose bytes never arrived. Completing a ticket twice is refused the same way: it is spent.
    if (!file?.uploaded || file.completed) return fail('file_not_found');
    files.push(file);
  }
  for (const [i, file] of files.entries()) {
    file.completed = true;
    file.title = wanted[i]?.title ?? file.name;
    if (channel) file.channels.push(channel);
  }
  if (channel) shareMessage(s, channel, files, str(a.initial_comment) ?? '', threadTs, a.blocks);
  // Sharing happens after the answer in Slack: right after completion the file object lists no channels and
  // no type yet (python-slack-sdk#1575 shows `"channels" => []`, `"filetype" => ""`, `"shares" => %{}`).
  return { ok: true, files: files.map((f) => ({ ...fileObject(s, f), channels: [], groups: [], ims: [] })) };
}

/** The message a share leaves in the conversation: the files, and the initial comment as its text. */
function shareMessage(
  s: SlackState,
  channel: string,
  files: FakeFile[],
  comment: string,
  threadTs: string | undefined,
  blocks: unknown,
): void {
  // The docs: "If the initial_comment field is provided, the blocks field is ignored".
  const shown = !comment && Array.isArray(blocks) ? { text: comment, blocks } : { text: comment };
  const shared = files.map((f) => ({ ...fileObject(s, f), ...typeOf(f) }));
  addMessage(s, botMessage(s, channel, shown, { files: shared, upload: true, thread_ts: threadTs }));
}

const MIME: Record<string, string> = {
  csv: 'text/csv',
  txt: 'text/plain',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
};

function typeOf(f: FakeFile): { filetype: string; mimetype: string; pretty_type: string } {
  const ext = f.imageType ?? extname(f.name).slice(1).toLowerCase();
  return { filetype: ext, mimetype: MIME[ext] ?? 'application/octet-stream', pretty_type: ext.toUpperCase() };
}

/** A file object, with the fields of @slack/web-api's `File` type that a test could look at. */
function fileObject(s: SlackState, f: FakeFile): Record<string, unknown> {
  const url = `https://files.fake.slack.com/files-pri/${s.teamId}-${f.id}/${encodeURIComponent(f.name)}`;
  return {
    id: f.id,
    created: f.created,
    timestamp: f.created,
    name: f.name,
    title: f.title,
    mimetype: '',
    filetype: '',
    pretty_type: '',
    user: BOT_USER_ID,
    user_team: s.teamId,
    editable: false,
    size: f.received,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: false,
    public_url_shared: false,
    display_as_bot: false,
    url_private: url,
    url_private_download: url.replace(`/${f.id}/`, `/${f.id}/download/`),
    permalink: `https://fake.slack.com/files/${BOT_USER_ID}/${f.id}/${encodeURIComponent(f.name)}`,
    comments_count: 0,
    is_starred: false,
    shares: {},
    channels: f.channels.filter((c) => c.startsWith('C')),
    groups: f.channels.filter((c) => c.startsWith('G')),
    ims: f.channels.filter((c) => c.startsWith('D')),
    has_rich_preview: false,
    file_access: 'visible',
    ...(f.altText === undefined ? {} : { alt_txt: f.altText }),
  };
}

/** What the upload service answers: plain text, not the Web API's JSON. */
export interface UploadReply {
  status: number;
  text: string;
  headers?: Record<string, string>;
}

export function sendText(res: ServerResponse, reply: UploadReply): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers });
  res.end(reply.text);
}

/**
 * An injected failure (`failNext('upload', …)`) as the upload service would send it: never a 200. `{ status: 429 }`
 * or `{ error: 'ratelimited' }` → 429 with Retry-After; `{ error, status? }` → that status (default 500) with
 * the code as text; `{ status }` → that status; `{ drop }` → the connection closed unanswered.
 */
export function uploadFailureAnswer(failure: Failure): UploadReply | 'drop' {
  if ('drop' in failure) return 'drop';
  if ('error' in failure) {
    const limited = failure.error === 'ratelimited' || failure.status === 429;
    const retryAfter = failure.retryAfter === undefined ? (limited ? 1 : null) : failure.retryAfter;
    return {
      status: failure.status ?? (limited ? 429 : 500),
      text: failure.error,
      ...(retryAfter === null ? {} : { headers: { 'retry-after': String(retryAfter) } }),
    };
  }
  if (failure.status === 429)
    return { status: 429, text: 'ratelimited', headers: { 'retry-after': String(failure.retryAfter) } };
  return { status: failure.status, text: failure.status === 503 ? 'service_unavailable' : 'internal_error' };
}

function sniffImage(head: Buffer): FakeFile['imageType'] {
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (/^GIF8[79]a/.test(head.subarray(0, 6).toString('latin1'))) return 'gif';
  return null;
}

interface Received {
  bytes: Buffer;
  count: number;
  sha256: string;
  head: Buffer;
}

/** Reads the body: kept whole, or (measuring) only counted, hashed and its first bytes kept for sniffing. */
async function receive(req: IncomingMessage, keep: boolean): Promise<Received> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let count = 0;
  let head = Buffer.alloc(0);
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    count += buf.length;
    if (keep) chunks.push(buf);
    else hash.update(buf);
    if (head.length < 16) head = Buffer.concat([head, buf.subarray(0, 16 - head.length)]);
  }
  if (!keep) return { bytes: Buffer.alloc(0), count, sha256: hash.digest('hex'), head };
  const bytes = Buffer.concat(chunks);
  return { bytes, count, sha256: '', head };
}

/**
 * "Files can be sent as raw bytes or can be multipart form encoded" (the files.getUploadURLExternal usage info):
 * a multipart body's file part is the file. Measuring mode takes raw bytes only.
 */
async function fileBytes(contentType: string | undefined, raw: Buffer): Promise<Buffer | null> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values())
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  return null;
}

/**
 * The POST to an upload URL. "Slack will return HTTP 200 if the upload is successful" (the usage info), with the
 * plain-text body `OK - <bytes received>`. What the upload service answers otherwise is not documented: 404 for
 * a URL it never issued, 400 for bytes that do not match the announced length or a ticket already completed.
 */
export async function receiveUpload(
  s: SlackState,
  fileId: string,
  req: IncomingMessage,
): Promise<UploadReply> {
  const keep = s.keepUploads;
  const got = await receive(req, keep);
  const file = s.files.get(fileId);
  if (!file) return { status: 404, text: 'file not found' };
  if (file.completed) return { status: 400, text: 'upload already completed' };
  const bytes = keep ? await fileBytes(req.headers['content-type'], got.bytes) : null;
  const count = bytes ? bytes.length : got.count;
  if (count !== file.length) {
    s.violation(`upload ${fileId}: ${count} bytes received, ${file.length} announced`);
    return { status: 400, text: `length mismatch: ${count} bytes received, ${file.length} announced` };
  }
  file.bytes = bytes ?? Buffer.alloc(0);
  file.received = count;
  file.sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : got.sha256;
  file.imageType = sniffImage(bytes ? bytes.subarray(0, 16) : got.head);
  file.uploaded = true;
  return { status: 200, text: `OK - ${count}` };
}

/**
 * Images naming a Slack file by id must name a completed PNG, JPEG or GIF upload: Slack refuses the blocks of a
 * message whose image it cannot find ("Supported file types include png, jpg, jpeg, and gif", image block docs).
 */
export function imageFileProblems(s: SlackState, blocks: unknown, path = 'blocks'): string[] {
  const out: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) walk(n, `${at}[${i}]`);
      return;
    }
    if (!isObj(node)) return;
    const ref = node.slack_file;
    if (isObj(ref) && typeof ref.id === 'string') {
      const file = s.files.get(ref.id);
      if (!file?.completed) out.push(`${at}.slack_file.id: no completed upload ${ref.id}`);
      else if (!file.imageType) out.push(`${at}.slack_file.id: ${ref.id} is not a PNG, JPEG or GIF`);
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'slack_file') walk(v, `${at}.${k}`);
  };
  walk(list(blocks), path);
  return out;
}
