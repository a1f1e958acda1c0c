// A sandbox started in-process (as `npm run sandbox` starts it, minus the bundled page) and its page API as
// the page calls it over HTTP: the server-*.test.ts and start-*.test.ts files drive the sandbox through this.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { SandboxMessage, SandboxState, StateValues } from '../../src/sandbox/contract.ts';
import { BOT_USER_ID } from '../../src/sandbox/fake-slack.ts';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.ts';
import { createTestRedis, deleteByPrefix, TEST_REDIS_URL, testPrefix } from '../support/redis.ts';

/** Starting one seeds the demo backlog through the app: a few seconds, more while other files run. */
export const START_TIMEOUT_MS = 60_000;

/** The page is not under test here (test/browser is): an empty page skips the esbuild bundle. */
const NO_PAGE = { html: '<!doctype html><title>sandbox</title>', css: '', script: '' };

/** Every answer of a POST /sandbox/<name>: `{ ok: true, … }` or `{ ok: false, error }`. */
export interface Answer {
  ok: boolean;
  error?: string;
  said?: string;
  errors?: Record<string, string>;
}

/** The Block Kit the tests read back from messages and views (the contract leaves blocks `unknown`). */
export interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string } }[];
  element?: { type: string; action_id?: string; initial_value?: string };
  slack_file?: { id: string };
}

export const blocksOf = (m: { blocks?: unknown[] } | Record<string, unknown>): Block[] =>
  (Array.isArray(m.blocks) ? m.blocks : []) as Block[];

export interface SandboxClient {
  url: string;
  sandbox: Sandbox;
  get(path: string): Promise<{ status: number; type: string; body: Buffer }>;
  post(path: string, body: unknown): Promise<{ status: number; body: Answer }>;
  /** POST /sandbox/<name>, expecting HTTP 200 (a refusal is `ok: false` in the body). */
  ask(name: string, body: unknown): Promise<Answer>;
  state(user: string, after?: number): Promise<SandboxState>;
  /**
   * Long-polls the state (as the page does) until `check` returns something other than undefined, null or
   * false: the app's answers after an ack (modals, refreshed cards, receipts) arrive a moment after the request.
   */
  until<T>(user: string, check: (s: SandboxState) => T | undefined | null | false, ms?: number): Promise<T>;
}

export async function startClient(prefix: string, dataDir: string): Promise<SandboxClient> {
  const sandbox = await startSandbox({
    port: 0,
    redisUrl: TEST_REDIS_URL,
    prefix,
    assets: NO_PAGE,
    dataDir,
    logLevel: 'error',
  });
  const url = sandbox.url;
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer };
  };
  const state = async (user: string, after = -1, signal?: AbortSignal) => {
    const res = await fetch(`${url}/sandbox/state?user=${user}&after=${after}`, signal ? { signal } : {});
    if (res.status !== 200) throw new Error(`GET /sandbox/state answered ${res.status}`);
    return (await res.json()) as SandboxState;
  };
  return {
    url,
    sandbox,
    post,
    state: (user, after) => state(user, after),
    async get(path) {
      const res = await fetch(`${url}${path}`);
      const type = res.headers.get('content-type') ?? '';
      return { status: res.status, type, body: Buffer.from(await res.arrayBuffer()) };
    },
    async ask(name, body) {
      const answer = await post(`/sandbox/${name}`, body);
      if (answer.status !== 200) throw new Error(`POST /sandbox/${name}: HTTP ${answer.status}`);
      return answer.body;
    },
    async until(user, check, ms = 15_000) {
      const deadline = Date.now() + ms;
      let after = -1;
      let last: SandboxState | undefined;
      while (Date.now() < deadline) {
        try {
          last = await state(user, after, AbortSignal.timeout(Math.max(1, deadline - Date.now())));
        } catch (error) {
          if (error instanceof Error && error.name === 'TimeoutError') break;
          throw error;
        }
        const found = check(last);
        if (found !== undefined && found !== null && found !== false) return found;
        after = last.version;
      }
      throw new Error(`no such state for ${user} within ${ms} ms (last version ${last?.version})`);
    },
  };
}

/** A fresh directory for the saved workspace, removed with `rmSync` by the caller. */
export const tempDir = (name: string): string => mkdtempSync(join(tmpdir(), `sandbox-${name}-`));

/** One sandbox for a whole file, with its own Redis prefix and data directory, both removed afterwards. */
export function useSandbox(name: string): () => SandboxClient {
  const prefix = testPrefix(name);
  const dir = tempDir(name);
  let client: SandboxClient | undefined;
  beforeAll(async () => {
    client = await startClient(prefix, dir);
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await client?.sandbox.stop();
    const redis = createTestRedis();
    await deleteByPrefix(redis, `${prefix}:`);
    redis.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }, START_TIMEOUT_MS);
  return () => {
    if (!client) throw new Error('the sandbox did not start');
    return client;
  };
}

export { CHANNELS } from '../../src/sandbox/workspace.ts';
export const ANA = 'U0ANA';
export const BEN = 'U0BEN';
export const MEI = 'U0MEI';

/** The channel's top-level messages as the viewer sees them (cards, digests, people's messages). */
export const topLevel = (s: SandboxState, channel: string): SandboxMessage[] =>
  (s.messages[channel] ?? []).filter((m) => m.threadTs === undefined);

/** The app's item cards in a channel: its top-level messages whose fallback text starts with the item id. */
export const cardsIn = (s: SandboxState, channel: string): SandboxMessage[] =>
  topLevel(s, channel).filter((m) => m.user === BOT_USER_ID && !m.ephemeral && /^DEBT-\d+:/.test(m.text));

/** Slack's state shape for a static select's choice. */
const chosen = (value: string) => ({
  type: 'static_select',
  selected_option: { text: { type: 'plain_text' as const, text: value }, value },
});

/** The filing modal's inputs as Slack sends them (block_id and action_id are the same field id). */
export function filingValues(title: string, channel: string): StateValues {
  return {
    title: { title: { type: 'plain_text_input', value: title } },
    category: { category: chosen('pipeline') },
    channel: { channel: { type: 'conversations_select', selected_conversation: channel } },
    severity: { severity: chosen('4') },
    frequency: { frequency: chosen('3') },
    effort: { effort: chosen('2') },
  };
}
