// What the sandbox page asks for, done as Slack would: each person's command, click, submission, shortcut or
// Home visit becomes the signed request Slack sends the app, and the app's ack takes effect in the stand-in.
import type { Queue } from 'bullmq';
import { JOB_NAMES } from '../../jobs/contracts.ts';
import type { Runtime } from '../deps.ts';
import type {
  ActionRequest,
  CloseRequest,
  CommandRequest,
  DigestRequest,
  HomeRequest,
  OptionsRequest,
  SandboxNotice,
  ShortcutRequest,
  SubmitRequest,
} from './contract.ts';
import { type Delivery, deliver } from './deliver.ts';
import type { FakeSlack, StoredMessage, StoredView } from './fake-slack.ts';
import {
  closedBody,
  commandBody,
  homeOpenedBody,
  memberOf,
  messageActionBody,
  type Person,
  shortcutBody,
  submissionBody,
  suggestionRequestBody,
  viewActionBody,
} from './requests.ts';
import { SANDBOX_DOMAIN, visibleTo } from './workspace.ts';

/** The running app the session talks to; replaced on reset. */
export interface AppEndpoint {
  events: string;
  signingSecret: string;
  deps: Runtime;
}

/** A refusal the page shows: Slack's error code where Slack has one. */
export class SandboxRefusal extends Error {}

const MAX_NOTICES = 20;
/** How long "Run digest now" waits for the worker to finish the job before saying it is still running. */
const DIGEST_WAIT_MS = 30_000;

/** Slack stores what people type with `&`, `<`, `>` escaped (SPEC §3.2 "Text from Slack"). */
const asTyped = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export class SandboxSession {
  readonly notices: SandboxNotice[] = [];
  /** `response_action: errors` of each view's last submission, shown under its inputs. */
  readonly viewErrors = new Map<string, Record<string, string>>();
  private noticeSeq = 0;
  private bumps = 0;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly fake: FakeSlack,
    private readonly app: () => AppEndpoint,
    readonly shortcuts: { callbackId: string; name: string }[],
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

  notify(level: SandboxNotice['level'], text: string): void {
    this.noticeSeq += 1;
    this.notices.push({ id: this.noticeSeq, level, text });
    if (this.notices.length > MAX_NOTICES) this.notices.shift();
    this.bumps += 1;
    this.changed();
  }

  async command(req: CommandRequest): Promise<void> {
    const person = this.person(req.user);
    const channel = this.channel(req.user, req.channel);
    const text = req.text.trim();
    if (text === '') throw new SandboxRefusal('no_text');
    if (!text.startsWith('/')) {
      this.fake.postUserMessage(channel.id, person.id, asTyped(text), req.threadTs);
      return;
    }
    const command = text.split(/\s+/, 1)[0] ?? '';
    if (command !== '/debt')
      throw new SandboxRefusal(
        `${command} is not a valid command. In Slack, all messages that start with "/" are commands; this app has /debt.`,
      );
    const body = commandBody({
      who: this.who(person),
      person,
      channel: { id: channel.id, name: channel.name },
      domain: SANDBOX_DOMAIN,
      command,
      // Slack escapes the text of a command declared with should_escape (manifest.yml): & < > as entities.
      text: asTyped(text.slice(command.length).trim()),
      triggerId: this.fake.issueTriggerId(person.id),
      responseUrl: this.fake.issueResponseUrl({ userId: person.id, channelId: channel.id }),
    });
    const answer = this.acked(await this.send(body), command);
    // An ack with a body is the command's answer, shown to the person who typed it.
    if (isRecord(answer)) this.fake.addEphemeral(channel.id, person.id, messageOf(answer));
  }

  async action(req: ActionRequest): Promise<void> {
    const person = this.person(req.user);
    const who = this.who(person);
    const triggerId = this.fake.issueTriggerId(person.id);
    const action = { ...req.action };
    const source = req.source;
    if (source.kind === 'message') {
      const channel = this.channel(req.user, source.channel);
      const message = this.message(person.id, channel.id, source.ts, source.ephemeral);
      const responseUrl = this.fake.issueResponseUrl({
        userId: person.id,
        channelId: channel.id,
        messageTs: message.ts,
        ephemeral: source.ephemeral,
        ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
      });
      const body = messageActionBody({
        who,
        person,
        triggerId,
        action,
        channel: { id: channel.id, name: channel.name },
        message,
        ephemeral: source.ephemeral,
        responseUrl,
      });
      this.acked(await this.send(body), 'the button');
      return;
    }
    const view =
      source.kind === 'home' ? this.homeView(person.id, source.viewId) : this.modal(person.id, source.viewId);
    const body = viewActionBody({
      who,
      person,
      triggerId,
      action,
      view,
      teamId: this.fake.teamId,
      values: req.values ?? {},
    });
    this.acked(await this.send(body), 'the button');
  }

  async submit(req: SubmitRequest): Promise<Record<string, string> | undefined> {
    const person = this.person(req.user);
    const view = this.modal(person.id, req.viewId);
    const body = submissionBody({
      who: this.who(person),
      person,
      view,
      teamId: this.fake.teamId,
      values: req.values,
      triggerId: this.fake.issueTriggerId(person.id),
      responseUrls: this.responseUrlsFor(person.id, view, req.values),
    });
    const delivery = await this.send(body);
    if (!delivery.ok) {
      // Slack keeps the modal open and says it could not reach the app.
      this.notify(
        'error',
        `We had some trouble connecting (${delivery.error}: ${delivery.detail}). Try again?`,
      );
      throw new SandboxRefusal(delivery.error);
    }
    const { errors } = this.fake.answerSubmission(person.id, view.id, delivery.json);
    if (errors) this.viewErrors.set(view.id, errors);
    else this.viewErrors.delete(view.id);
    this.bumps += 1;
    this.changed();
    return errors;
  }

  async close(req: CloseRequest): Promise<void> {
    const person = this.person(req.user);
    const view = this.modal(person.id, req.viewId);
    if (view.notify_on_close === true)
      this.acked(
        await this.send(closedBody({ who: this.who(person), person, view, teamId: this.fake.teamId })),
        'closing',
      );
    this.fake.closeModal(person.id, view.id);
  }

  async shortcut(req: ShortcutRequest): Promise<void> {
    const person = this.person(req.user);
    const channel = this.channel(req.user, req.channel);
    if (!this.shortcuts.some((s) => s.callbackId === req.callbackId))
      throw new SandboxRefusal('invalid_callback_id');
    const message = this.message(person.id, channel.id, req.ts, false);
    const body = shortcutBody({
      who: this.who(person),
      person,
      callbackId: req.callbackId,
      channel: { id: channel.id, name: channel.name },
      message,
      triggerId: this.fake.issueTriggerId(person.id),
      responseUrl: this.fake.issueResponseUrl({ userId: person.id, channelId: channel.id }),
    });
    this.acked(await this.send(body), 'the shortcut');
  }

  async options(req: OptionsRequest): Promise<unknown> {
    const person = this.person(req.user);
    const view =
      req.source.kind === 'modal'
        ? this.modal(person.id, req.source.viewId)
        : req.source.kind === 'home'
          ? this.homeView(person.id, req.source.viewId)
          : undefined;
    const body = suggestionRequestBody({
      who: this.who(person),
      person,
      actionId: req.action_id,
      blockId: req.block_id,
      value: req.value,
      view,
      teamId: this.fake.teamId,
    });
    const answer = this.acked(await this.send(body), 'the options');
    return isRecord(answer) ? answer : { options: [] };
  }

  async home(req: HomeRequest): Promise<void> {
    const person = this.person(req.user);
    const body = homeOpenedBody({
      userId: person.id,
      teamId: this.fake.teamId,
      home: this.fake.home(person.id),
    });
    this.acked(await this.send(body), 'Home');
  }

  /** Runs the channel's weekly digest job now, as its scheduler would at a slot, and says what it did. */
  async digest(req: DigestRequest): Promise<string> {
    this.person(req.user);
    const channel = this.channel(req.user, req.channel);
    const { deps } = this.app();
    const teamId = this.fake.teamId;
    const settings = await deps.settings.find(teamId, channel.id);
    if (!settings?.digestEnabled)
      throw new SandboxRefusal(
        `#${channel.name} has no weekly digest: turn it on with /debt config in the channel.`,
      );
    const now = Date.now();
    const job = await deps.digestQueue.add(
      JOB_NAMES.digest,
      { v: 1, teamId, channelId: channel.id },
      {
        jobId: `sandbox-digest-${teamId}-${channel.id}-${now}`,
        prevMillis: now,
        attempts: 3,
        removeOnComplete: 50,
      },
    );
    const outcome = await waitForJob(deps.digestQueue, job.id ?? '', DIGEST_WAIT_MS);
    const said = digestOutcomeText(outcome, channel.name);
    this.notify(outcome === 'posted' ? 'info' : 'error', said);
    return said;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private async send(body: string): Promise<Delivery> {
    const app = this.app();
    return deliver(app.events, app.signingSecret, body);
  }

  /** The ack's body, or a refusal worded as Slack words it when the app did not answer in time. */
  private acked(delivery: Delivery, what: string): unknown {
    if (delivery.ok) return delivery.json;
    const text = `${what} failed with the error "${delivery.error}" (${delivery.detail})`;
    this.notify('error', text);
    throw new SandboxRefusal(delivery.error);
  }

  private person(id: string): Person {
    const user = this.fake.users().find((u) => u.id === id && !u.is_bot);
    if (!user) throw new SandboxRefusal('user_not_found');
    return { id: user.id, name: user.name };
  }

  private who(person: Person) {
    return memberOf(this.fake.teamId, SANDBOX_DOMAIN, person);
  }

  /** A channel the person can see (a private one only as a member), or their DM with the app. */
  private channel(userId: string, id: string): { id: string; name: string } {
    if (id === `D${userId}`) return { id, name: 'directmessage' };
    const channel = this.fake.channels().find((c) => c.id === id);
    if (!channel || !visibleTo(channel, userId)) throw new SandboxRefusal('channel_not_found');
    if (channel.is_archived) throw new SandboxRefusal('is_archived');
    return { id: channel.id, name: channel.name };
  }

  private message(userId: string, channelId: string, ts: string, ephemeral: boolean): StoredMessage {
    const found = ephemeral
      ? this.fake.ephemerals(channelId, userId).find((m) => m.ts === ts)
      : this.fake.messages(channelId).find((m) => m.ts === ts);
    if (!found) throw new SandboxRefusal('message_not_found');
    return found;
  }

  private modal(userId: string, viewId: string): StoredView {
    const view = this.fake.modalStack(userId).find((v) => v.id === viewId);
    if (!view) throw new SandboxRefusal('view_not_found');
    return view;
  }

  private homeView(userId: string, viewId: string): StoredView {
    const view = this.fake.home(userId);
    if (!view || view.id !== viewId) throw new SandboxRefusal('view_not_found');
    return view;
  }

  /** Slack gives a response_url for each input with `response_url_enabled`, for the conversation chosen in it. */
  private responseUrlsFor(userId: string, view: StoredView, values: SubmitRequest['values']) {
    const out: { block_id: string; action_id: string; channel_id: string; response_url: string }[] = [];
    for (const block of Array.isArray(view.blocks) ? view.blocks : []) {
      if (!isRecord(block) || !isRecord(block.element) || block.element.response_url_enabled !== true)
        continue;
      const blockId = String(block.block_id ?? '');
      const actionId = String(block.element.action_id ?? '');
      const chosen = values[blockId]?.[actionId];
      const channelId = chosen?.selected_conversation ?? chosen?.selected_channel;
      if (!channelId) continue;
      const responseUrl = this.fake.issueResponseUrl({ userId, channelId });
      out.push({ block_id: blockId, action_id: actionId, channel_id: channelId, response_url: responseUrl });
    }
    return out;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function messageOf(answer: Record<string, unknown>): { text?: string; blocks?: unknown[] } {
  return {
    ...(typeof answer.text === 'string' ? { text: answer.text } : {}),
    ...(Array.isArray(answer.blocks) ? { blocks: answer.blocks } : {}),
  };
}

/** The job's return value once it completed, `failed: <reason>`, or `running` if it outlasts `ms`. */
async function waitForJob(queue: Queue, id: string, ms: number): Promise<string> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const job = await queue.getJob(id);
    const state = job ? await job.getState() : 'unknown';
    if (job && state === 'completed') return String(job.returnvalue);
    if (job && state === 'failed') return `failed: ${job.failedReason}`;
    // Postponed (delayed) jobs are waiting on Slack or a lock: they will run on their own.
    if (state === 'delayed') return 'delayed';
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return 'running';
}

function digestOutcomeText(outcome: string, channel: string): string {
  if (outcome === 'posted') return `The weekly digest is posted in #${channel}.`;
  if (outcome === 'already posted')
    return `This week's digest is already in #${channel} (one a week): \`/debt digest post\` posts another on request.`;
  if (outcome === 'delayed') return `The digest for #${channel} is waiting on Slack; it goes out on its own.`;
  if (outcome === 'running') return `The digest for #${channel} is still being put together.`;
  return `The digest for #${channel} was not posted: ${outcome}.`;
}
