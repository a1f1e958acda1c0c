// The fake workspace: users, channels, messages, views, one-shot triggers and response_urls, and what went wrong.
import { randomBytes } from 'node:crypto';
import type { FakeChannel, FakeFile, FakeUser, ResponseContext, StoredMessage, StoredView } from './types.ts';

export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'B0FAKEBOT';
const TRIGGER_TTL_MS = 3_000;
const RESPONSE_URL_TTL_MS = 30 * 60_000;
const RESPONSE_URL_USES = 5;
/**
 * How long a trigger or response_url is remembered after it was issued: well past its validity, so one used late
 * still answers expired_trigger_id / expired_url, not invalid_*; older ones are swept as new ones are issued,
 * which keeps a long sandbox session from growing without end.
 */
const TRIGGER_KEPT_MS = 10 * 60_000;
const RESPONSE_URL_KEPT_MS = 2 * 60 * 60_000;

/**
 * Drops the entries issued before `cutoff` from the front of an insertion-ordered map: they were issued in clock
 * order, so the sweep stops at the first younger one and costs only what it removes.
 */
function sweep(map: Map<string, { issuedAt: number }>, cutoff: number): void {
  for (const [id, entry] of map) {
    if (entry.issuedAt >= cutoff) return;
    map.delete(id);
  }
}

interface Trigger {
  issuedAt: number;
  used: boolean;
  /** Who interacted: a modal opened with this trigger is theirs. */
  userId?: string;
}

interface ResponseUrl {
  issuedAt: number;
  uses: number;
  bodies: Record<string, unknown>[];
  /** Where the interaction happened; without one, bodies are only recorded. */
  context?: ResponseContext;
}

export class SlackState {
  readonly users = new Map<string, Partial<FakeUser>>();
  readonly channels = new Map<string, Partial<FakeChannel>>();
  readonly removed = new Set<string>();
  readonly messages = new Map<string, StoredMessage[]>();
  readonly views = new Map<string, StoredView>();
  readonly homes = new Map<string, string>();
  readonly triggers = new Map<string, Trigger>();
  readonly responseUrls = new Map<string, ResponseUrl>();
  /** Ephemeral messages by channel, then by the one person who sees them. */
  readonly ephemerals = new Map<string, Map<string, StoredMessage[]>>();
  /** Each person's open modal: view ids, bottom (root) first. */
  readonly modalStacks = new Map<string, string[]>();
  readonly tainted: string[] = [];
  /** Files by id, from files.getUploadURLExternal on. */
  readonly files = new Map<string, FakeFile>();
  /** `http://127.0.0.1:PORT` of the fake: upload URLs point back at it. */
  origin = '';
  /** Keep uploaded bytes, or only count and hash them (FakeSlackOptions.uploads). */
  keepUploads = true;
  violations: string[] = [];
  /** Bot scopes granted by the manifest; undefined = unknown (manifest missing), so no scope checks. */
  botScopes: Set<string> | undefined;
  /** The last ts, view and file ids handed out: saved with the workspace so a restored one never repeats them. */
  readonly counters = { lastTsMicros: 0, viewSeq: 0, fileSeq: 0 };

  constructor(
    readonly teamId: string,
    readonly now: () => number,
  ) {}

  violation(text: string): void {
    this.violations.push(text);
  }

  /** Unique, increasing `seconds.micros` from the clock, like Slack's message ts. */
  nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.counters.lastTsMicros + 1);
    this.counters.lastTsMicros = micros;
    const sec = Math.floor(micros / 1e6);
    return `${sec}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  nextViewId(): string {
    this.counters.viewSeq += 1;
    return `V${String(this.counters.viewSeq).padStart(4, '0')}`;
  }

  /** Slack file ids are `F` and ten more characters (F123ABC456 in the method docs). */
  nextFileId(): string {
    this.counters.fileSeq += 1;
    return `F${String(this.counters.fileSeq).padStart(10, '0')}`;
  }

  newHash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomBytes(4).toString('hex')}`;
  }

  user(id: string): FakeUser {
    const set = this.users.get(id) ?? {};
    return {
      id,
      team_id: this.teamId,
      name: id.toLowerCase(),
      real_name: `User ${id}`,
      tz: 'Europe/Berlin',
      is_admin: false,
      is_owner: false,
      is_bot: id === BOT_USER_ID,
      ...set,
      deleted: false,
    };
  }

  /** A user id (U…/W…) addresses that user's DM with the app, `D<user>`, as conversations.open answers. */
  resolveChannel(id: string): string {
    return /^[UW]/.test(id) ? `D${id}` : id;
  }

  isDm(id: string): boolean {
    return id.startsWith('D');
  }

  channel(id: string): FakeChannel | undefined {
    if (this.removed.has(id)) return undefined;
    const set = this.channels.get(id) ?? {};
    return {
      id,
      name: set.name ?? id.toLowerCase(),
      is_private: false,
      is_archived: false,
      is_member: true,
      ...set,
    };
  }

  store(channel: string): StoredMessage[] {
    let list = this.messages.get(channel);
    if (!list) {
      list = [];
      this.messages.set(channel, list);
    }
    return list;
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  issueTrigger(userId?: string): string {
    sweep(this.triggers, this.now() - TRIGGER_KEPT_MS);
    const id = `${Math.floor(this.now() / 1000)}.${randomBytes(5).toString('hex')}.${randomBytes(8).toString('hex')}`;
    this.triggers.set(id, { issuedAt: this.now(), used: false, ...(userId ? { userId } : {}) });
    return id;
  }

  /** The person whose interaction issued the trigger, when known. */
  triggerUser(id: string | undefined): string | undefined {
    return id === undefined ? undefined : this.triggers.get(id)?.userId;
  }

  /** Exchanges a trigger_id once within 3 s; answers Slack's error code (and records a violation) otherwise. */
  useTrigger(id: string | undefined, method: string): string | undefined {
    const t = id === undefined ? undefined : this.triggers.get(id);
    if (!t) {
      this.violation(`${method}: unknown trigger_id ${JSON.stringify(id)}`);
      return 'invalid_trigger_id';
    }
    if (t.used) {
      this.violation(`${method}: trigger_id ${id} used twice`);
      return 'exchanged_trigger_id';
    }
    t.used = true;
    const age = this.now() - t.issuedAt;
    if (age > TRIGGER_TTL_MS) {
      this.violation(`${method}: trigger_id ${id} used after ${age} ms (valid 3 s)`);
      return 'expired_trigger_id';
    }
    return undefined;
  }

  issueResponseUrl(context?: ResponseContext): string {
    sweep(this.responseUrls, this.now() - RESPONSE_URL_KEPT_MS);
    const id = randomBytes(12).toString('hex');
    this.responseUrls.set(id, { issuedAt: this.now(), uses: 0, bodies: [], ...(context ? { context } : {}) });
    return id;
  }

  /** Counts one use of a response_url; answers Slack's refusal (and records a violation) when over its limits. */
  useResponseUrl(id: string, body: Record<string, unknown>): string | undefined {
    const r = this.responseUrls.get(id);
    if (!r) {
      this.violation(`response_url ${id}: never issued`);
      return 'invalid_url';
    }
    const age = this.now() - r.issuedAt;
    if (age > RESPONSE_URL_TTL_MS) {
      this.violation(`response_url ${id}: used after ${Math.round(age / 1000)} s (valid 30 min)`);
      return 'expired_url';
    }
    if (r.uses >= RESPONSE_URL_USES) {
      this.violation(`response_url ${id}: used more than ${RESPONSE_URL_USES} times`);
      return 'used_url';
    }
    r.uses += 1;
    r.bodies.push(body);
    return undefined;
  }

  /**
   * Clears what happened, keeps how the workspace is set up (users, channels, scopes, taints) and the triggers
   * and response_urls already handed out (a test may issue one before its reset).
   */
  reset(): void {
    this.messages.clear();
    this.ephemerals.clear();
    this.views.clear();
    this.modalStacks.clear();
    this.homes.clear();
    this.files.clear();
    this.violations = [];
    for (const r of this.responseUrls.values()) r.bodies = [];
  }

  /** Forgets every trigger and response_url handed out: none works any more (a fresh sandbox workspace). */
  forgetInteractions(): void {
    this.triggers.clear();
    this.responseUrls.clear();
  }
}
