// What the sandbox page asks for, done as Slack would: each person's command, click, submission, shortcut or
// Home visit becomes the signed request Slack sends the app, and the app's ack takes effect in the stand-in.
import { randomUUID } from 'node:crypto';
import { escapeMrkdwn } from '../../blocks/kit.ts';
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
import { isRecord } from './fake-slack/parse.ts';
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
import { runDigestNow } from './run-digest.ts';
import { NotReady, SandboxRefusal } from './session-errors.ts';
import { SANDBOX_DOMAIN, visibleTo } from './workspace.ts';

/** The running app the session talks to; replaced on reset. */
export interface AppEndpoint {
  events: string;
  signingSecret: string;
  deps: Runtime;
}

export { NotReady, SandboxRefusal };

const MAX_NOTICES = 20;
const RESETTING = 'The sandbox is resetting; try again in a moment.';

/** Slack stores what people type with `&`, `<`, `>` escaped (SPEC §3.2 "Text from Slack"): the same three. */
const asTyped = escapeMrkdwn;

/** A notice and whom it is for (undefined: everyone, e.g. a reset). */
interface Addressed {
  notice: SandboxNotice;
  userId: string | undefined;
}

export class SandboxSession {
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

  /** Notices `userId` sees: their own and everyone's. */
  noticesFor(userId: string): SandboxNotice[] {
    return this.notices.filter((n) => n.userId === undefined || n.userId === userId).map((n) => n.notice);
  }

  /** Starts a fresh workspace's life: new boot id, answers in flight dropped. */
  renewed(): void {
    this.bootId = randomUUID();
    this.generation += 1;
    this.viewErrors.clear();
    this.bumps += 1;
    this.changed();
  }

  notify(level: SandboxNotice['level'], text: string, userId?: string): void {
    this.noticeSeq += 1;
    this.notices.push({ notice: { id: this.noticeSeq, level, text }, userId });
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
    // Slack keeps the modal open and says it could not reach the app.
    if (!delivery.ok)
      throw new SandboxRefusal(
        `We had some trouble connecting (${delivery.error}: ${delivery.detail}). Try again?`,
      );
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
    // Slack closes the modal whatever the app answers to view_closed (or if it does not answer at all).
    if (view.notify_on_close === true)
      await this.send(closedBody({ who: this.who(person), person, view, teamId: this.fake.teamId }));
    this.fake.closeModal(person.id, view.id);
    this.viewErrors.delete(view.id);
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
    // Checked as Slack checks it (100 options, 75-character texts and values): a breach shows in the panel.
    this.fake.checkOptions(answer);
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
    if (this.resetting) throw new NotReady(RESETTING);
    const said = await runDigestNow(this.app().deps, this.fake.teamId, channel);
    this.notify(said.posted ? 'info' : 'error', said.text, req.user);
    return said.text;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Delivers to the app; refused while a reset runs, and dropped if one happened while it was on its way. */
  private async send(body: string): Promise<Delivery> {
    if (this.resetting) throw new NotReady(RESETTING);
    const generation = this.generation;
    const app = this.app();
    const delivery = await deliver(app.events, app.signingSecret, body);
    if (generation !== this.generation) throw new NotReady('The workspace was reset meanwhile.');
    return delivery;
  }

  /** The ack's body, or a refusal worded as Slack words it when the app did not answer in time. */
  private acked(delivery: Delivery, what: string): unknown {
    if (delivery.ok) return delivery.json;
    throw new SandboxRefusal(`${what} failed with the error "${delivery.error}" (${delivery.detail})`);
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

function messageOf(answer: Record<string, unknown>): { text?: string; blocks?: unknown[] } {
  return {
    ...(typeof answer.text === 'string' ? { text: answer.text } : {}),
    ...(Array.isArray(answer.blocks) ? { blocks: answer.blocks } : {}),
  };
}
