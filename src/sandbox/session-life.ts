// The session between requests, across the workspace's lives (a start, each reset): the line to the current app,
// closed while a reset runs, and what the page reads besides the stand-in — the boot id, notices, the errors
// under a modal's inputs, and a version that moves with every change, so a long poll can wait on it.
import { randomUUID } from 'node:crypto';
import type { Runtime } from '../deps.ts';
import type { SandboxNotice } from './contract.ts';
import { type Delivery, deliver } from './deliver.ts';
import type { FakeSlack } from './fake-slack.ts';
import { NotReady } from './session-errors.ts';

/** The running app the session talks to; replaced on reset. */
export interface AppEndpoint {
  events: string;
  signingSecret: string;
  deps: Runtime;
}

const MAX_NOTICES = 20;
const RESETTING = 'The sandbox is resetting; try again in a moment.';

/** A notice and whom it is for (undefined: everyone, e.g. a reset). */
interface Addressed {
  notice: SandboxNotice;
  userId: string | undefined;
}

/** The base of SandboxSession (session.ts), which adds the requests: the sandbox reads and sets these on it. */
export class SessionLife {
  private readonly notices: Addressed[] = [];
  /** A random id per start and per reset: the page drops what it cached of an earlier workspace. */
  bootId = randomUUID();
  /** Set while a reset replaces the app and the workspace: requests are refused until it is done. */
  resetting = false;
  /** Bumped by each reset: an answer that arrives after one belongs to a workspace that no longer exists. */
  private generation = 0;
  /** `response_action: errors` of each view's last submission, shown under its inputs. */
  readonly viewErrors = new Map<string, Record<string, string>>();
  private noticeSeq = 0;
  private bumps = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly fake: FakeSlack,
    private readonly app: () => AppEndpoint,
  ) {
    fake.onChange(() => this.changed());
  }

  /** Monotonic: the stand-in's changes plus the session's own (notices, errors). */
  get version(): number {
    return this.fake.version + this.bumps;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Notices `userId` sees: their own and everyone's. */
  noticesFor(userId: string): SandboxNotice[] {
    return this.notices.filter((n) => n.userId === undefined || n.userId === userId).map((n) => n.notice);
  }

  /** Starts a fresh workspace's life: new boot id, answers in flight dropped. */
  renewed(): void {
    this.bootId = randomUUID();
    this.generation += 1;
    this.viewErrors.clear();
    this.bumped();
  }

  notify(level: SandboxNotice['level'], text: string, userId?: string): void {
    this.noticeSeq += 1;
    this.notices.push({ notice: { id: this.noticeSeq, level, text }, userId });
    if (this.notices.length > MAX_NOTICES) this.notices.shift();
    this.bumped();
  }

  /** The current app's deps, for what the sandbox runs itself (the digest job); refused while a reset runs. */
  protected appDeps(): Runtime {
    if (this.resetting) throw new NotReady(RESETTING);
    return this.app().deps;
  }

  /** Delivers to the app; refused while a reset runs, and dropped if one happened while it was on its way. */
  protected async send(body: string): Promise<Delivery> {
    if (this.resetting) throw new NotReady(RESETTING);
    const generation = this.generation;
    const app = this.app();
    const delivery = await deliver(app.events, app.signingSecret, body);
    if (generation !== this.generation) throw new NotReady('The workspace was reset meanwhile.');
    return delivery;
  }

  /** The session's own change (not the stand-in's): the version moves and long polls wake. */
  protected bumped(): void {
    this.bumps += 1;
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
