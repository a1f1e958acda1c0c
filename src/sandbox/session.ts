// What the sandbox page asks for, done as Slack would: each person's command, click, submission, shortcut or
// Home visit becomes the signed request Slack sends the app, and the app's ack takes effect in the stand-in.
import type {
  ActionRequest,
  CloseRequest,
  CommandRequest,
  DigestRequest,
  HomeRequest,
  OptionsRequest,
  ShortcutRequest,
  SubmitRequest,
} from './contract.ts';
import { isRecord } from './fake-slack/parse.ts';
import type { FakeSlack } from './fake-slack.ts';
import {
  closedBody,
  commandBody,
  homeOpenedBody,
  messageActionBody,
  shortcutBody,
  submissionBody,
  suggestionRequestBody,
  viewActionBody,
} from './requests.ts';
import { runDigestNow } from './run-digest.ts';
import { acked, messageOf, submissionAck } from './session-answers.ts';
import { NotReady, SandboxRefusal } from './session-errors.ts';
import { type AppEndpoint, SessionLife } from './session-life.ts';
import { SessionLookups } from './session-lookups.ts';
import { readTyped } from './session-typed.ts';
import { SANDBOX_DOMAIN } from './workspace.ts';

export type { AppEndpoint };
export { NotReady, SandboxRefusal };

export class SandboxSession extends SessionLife {
  /** What each person may act on: anything else is refused as Slack refuses it. */
  private readonly find = new SessionLookups(this.fake);

  constructor(
    fake: FakeSlack,
    app: () => AppEndpoint,
    readonly shortcuts: { callbackId: string; name: string }[],
  ) {
    super(fake, app);
  }

  async command(req: CommandRequest): Promise<void> {
    const person = this.find.person(req.user);
    const channel = this.find.channel(req.user, req.channel);
    const typed = readTyped(req.text);
    if (typed.kind === 'message') {
      this.fake.postUserMessage(channel.id, person.id, typed.text, req.threadTs);
      return;
    }
    const body = commandBody({
      who: this.find.who(person),
      person,
      channel: { id: channel.id, name: channel.name },
      domain: SANDBOX_DOMAIN,
      command: typed.command,
      text: typed.text,
      triggerId: this.fake.issueTriggerId(person.id),
      responseUrl: this.fake.issueResponseUrl({ userId: person.id, channelId: channel.id }),
    });
    const answer = acked(await this.send(body), typed.command);
    if (isRecord(answer)) this.fake.addEphemeral(channel.id, person.id, messageOf(answer));
  }

  async action(req: ActionRequest): Promise<void> {
    const person = this.find.person(req.user);
    const who = this.find.who(person);
    const triggerId = this.fake.issueTriggerId(person.id);
    const action = { ...req.action };
    const source = req.source;
    if (source.kind === 'message') {
      const channel = this.find.channel(req.user, source.channel);
      const message = this.find.message(person.id, channel.id, source.ts, source.ephemeral);
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
      acked(await this.send(body), 'the button');
      return;
    }
    const view = this.find.view(person.id, source);
    const body = viewActionBody({
      who,
      person,
      triggerId,
      action,
      view,
      teamId: this.fake.teamId,
      values: req.values ?? {},
    });
    acked(await this.send(body), 'the button');
  }

  async submit(req: SubmitRequest): Promise<Record<string, string> | undefined> {
    const person = this.find.person(req.user);
    const view = this.find.modal(person.id, req.viewId);
    const body = submissionBody({
      who: this.find.who(person),
      person,
      view,
      teamId: this.fake.teamId,
      values: req.values,
      triggerId: this.fake.issueTriggerId(person.id),
      responseUrls: this.find.responseUrlsFor(person.id, view, req.values),
    });
    const answer = submissionAck(await this.send(body));
    const { errors } = this.fake.answerSubmission(person.id, view.id, answer);
    if (errors) this.viewErrors.set(view.id, errors);
    else this.viewErrors.delete(view.id);
    this.bumped();
    return errors;
  }

  async close(req: CloseRequest): Promise<void> {
    const person = this.find.person(req.user);
    const view = this.find.modal(person.id, req.viewId);
    // Slack closes the modal whatever the app answers to view_closed (or if it does not answer at all).
    if (view.notify_on_close === true)
      await this.send(closedBody({ who: this.find.who(person), person, view, teamId: this.fake.teamId }));
    this.fake.closeModal(person.id, view.id);
    this.viewErrors.delete(view.id);
  }

  async shortcut(req: ShortcutRequest): Promise<void> {
    const person = this.find.person(req.user);
    const channel = this.find.channel(req.user, req.channel);
    if (!this.shortcuts.some((s) => s.callbackId === req.callbackId))
      throw new SandboxRefusal('invalid_callback_id');
    const message = this.find.message(person.id, channel.id, req.ts, false);
    const body = shortcutBody({
      who: this.find.who(person),
      person,
      callbackId: req.callbackId,
      channel: { id: channel.id, name: channel.name },
      message,
      triggerId: this.fake.issueTriggerId(person.id),
      responseUrl: this.fake.issueResponseUrl({ userId: person.id, channelId: channel.id }),
    });
    acked(await this.send(body), 'the shortcut');
  }

  async options(req: OptionsRequest): Promise<unknown> {
    const person = this.find.person(req.user);
    const view = req.source.kind === 'message' ? undefined : this.find.view(person.id, req.source);
    const body = suggestionRequestBody({
      who: this.find.who(person),
      person,
      actionId: req.action_id,
      blockId: req.block_id,
      value: req.value,
      view,
      teamId: this.fake.teamId,
    });
    const answer = acked(await this.send(body), 'the options');
    // Checked as Slack checks it (100 options, 75-character texts and values): a breach shows in the panel.
    this.fake.checkOptions(answer);
    return isRecord(answer) ? answer : { options: [] };
  }

  async home(req: HomeRequest): Promise<void> {
    const person = this.find.person(req.user);
    const body = homeOpenedBody({
      userId: person.id,
      teamId: this.fake.teamId,
      home: this.fake.home(person.id),
    });
    acked(await this.send(body), 'Home');
  }

  /** Runs the channel's weekly digest job now, as its scheduler would at a slot, and says what it did. */
  async digest(req: DigestRequest): Promise<string> {
    this.find.person(req.user);
    const channel = this.find.channel(req.user, req.channel);
    const said = await runDigestNow(this.appDeps(), this.fake.teamId, channel);
    this.notify(said.posted ? 'info' : 'error', said.text, req.user);
    return said.text;
  }
}
