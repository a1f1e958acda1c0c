// The fake workspace as people see and use it (the sandbox page, and tests); FakeSlack adds the HTTP side.
import { checkOptionsAnswer, checkPayload } from './check-payload.ts';
import { hasContent } from './content.ts';
import { dropEphemeral, listEphemerals, storeEphemeral } from './ephemerals.ts';
import { clearModal, closeFrom, stackViews } from './modals.ts';
import { restoreWorkspace, type SavedWorkspace, saveWorkspace } from './saved-workspace.ts';
import { BOT_USER_ID, type SlackState } from './state.ts';
import { applySubmissionAck, type SubmissionOutcome } from './submissions.ts';
import { addMessage, removeMessage } from './threads.ts';
import type { FakeChannel, FakeFile, FakeUser, StoredMessage, StoredView } from './types.ts';

export abstract class FakeWorkspace {
  private changes = 0;
  private readonly listeners = new Set<() => void>();

  protected constructor(protected readonly state: SlackState) {}

  /** Moves after every handled Web API call, response_url POST, upload and workspace change: re-read when it does. */
  get version(): number {
    return this.changes;
  }

  /** Calls `listener` after each change (see `version`); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get violations(): string[] {
    return this.state.violations;
  }

  /** The messages, Home tabs and files, to be restored by a later run (the sandbox keeps them in .sandbox/). */
  saveWorkspace(): SavedWorkspace {
    return saveWorkspace(this.state);
  }

  restoreWorkspace(saved: SavedWorkspace): void {
    restoreWorkspace(this.state, saved);
    this.changed();
  }

  /** Everyone set with setUser, then the app's bot user, as users.info describes them. */
  users(): FakeUser[] {
    const ids = [...this.state.users.keys()].filter((id) => id !== BOT_USER_ID);
    return [...ids, BOT_USER_ID].map((id) => this.state.user(id));
  }

  /** The channels set with setChannel and not removed since. */
  channels(): FakeChannel[] {
    return [...this.state.channels.keys()]
      .map((id) => this.state.channel(id))
      .filter((ch): ch is FakeChannel => ch !== undefined)
      .map((ch) => (ch.members ? { ...ch, members: [...ch.members] } : ch));
  }

  setUser(id: string, partial: Partial<Omit<FakeUser, 'id' | 'deleted'>> = {}): void {
    this.state.users.set(id, { ...this.state.users.get(id), ...partial });
    this.changed();
  }

  setChannel(id: string, partial: Partial<Omit<FakeChannel, 'id'>>): void {
    this.state.removed.delete(id);
    this.state.channels.set(id, { ...this.state.channels.get(id), ...partial });
    this.changed();
  }

  /** Makes the channel vanish: every method answers `channel_not_found`. */
  removeChannel(id: string): void {
    this.state.removed.add(id);
    this.changed();
  }

  /** Messages posted to a channel (a user id means the app's DM with them), thread replies included. */
  messages(channelId: string): StoredMessage[] {
    return [...(this.state.messages.get(this.state.resolveChannel(channelId)) ?? [])];
  }

  /**
   * A person's own message, as their Slack client posts it: `text` is mrkdwn as Slack stores it (the caller
   * encodes `&`, `<`, `>` and writes mentions as `<@U…>`), no bot_id; a reply updates its parent's thread
   * summary. People are not refused like the bot (not_in_channel); an unknown or removed channel throws.
   */
  postUserMessage(channelId: string, userId: string, text: string, threadTs?: string): StoredMessage {
    const channel = this.state.resolveChannel(channelId);
    const known = this.state.isDm(channel) || this.state.channels.has(channel);
    if (!known || !this.state.channel(channel)) throw new Error(`postUserMessage: no channel ${channelId}`);
    const message: StoredMessage = { type: 'message', ts: this.state.nextTs(), channel, user: userId, text };
    if (threadTs) message.thread_ts = threadTs;
    addMessage(this.state, message);
    this.changed();
    return { ...message };
  }

  /** Deletes a message as a user would, so later chat.update answers `message_not_found`. */
  deleteMessage(channelId: string, ts: string): void {
    removeMessage(this.state, this.state.resolveChannel(channelId), ts);
    this.changed();
  }

  /** The ephemerals only `userId` sees in that channel (a user id means the app's DM with them), oldest first. */
  ephemerals(channelId: string, userId: string): StoredMessage[] {
    return listEphemerals(this.state, this.state.resolveChannel(channelId), userId);
  }

  /**
   * A slash command's ack body, which Slack shows only to the person who ran it
   * (https://docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands). Checked like any
   * message; one Slack would refuse (or an empty body) shows nothing and answers ''. Otherwise its ts.
   */
  addEphemeral(
    channelId: string,
    userId: string,
    body: { text?: string; blocks?: unknown[]; thread_ts?: string },
  ): string {
    const args = { ...body };
    if (!hasContent(args)) return '';
    const refused = checkPayload(this.state, 'slash command ack', args, 'message');
    const ts = refused
      ? ''
      : storeEphemeral(this.state, this.state.resolveChannel(channelId), userId, args).ts;
    this.changed();
    return ts;
  }

  /** The person dismisses an ephemeral ("Dismiss message"), or the page forgets it. */
  removeEphemeral(channelId: string, userId: string, ts: string): void {
    dropEphemeral(this.state, this.state.resolveChannel(channelId), userId, ts);
    this.changed();
  }

  view(id: string): StoredView | undefined {
    const v = this.state.views.get(id);
    return v && structuredClone(v);
  }

  /** The person's App Home tab, as last published with views.publish. */
  home(userId: string): StoredView | undefined {
    const id = this.state.homes.get(userId);
    return id === undefined ? undefined : this.view(id);
  }

  /** The person's open modal, bottom (root) first; the last is the one they see. */
  modalStack(userId: string): StoredView[] {
    return stackViews(this.state, userId);
  }

  /**
   * The person closes `viewId` (its ✕ or Cancel): it and every view above it go — or, with `clear` or when the
   * view says `clear_on_close: true`, the whole modal. Closed views are forgotten (`view(id)` is undefined).
   */
  closeModal(userId: string, viewId: string, options: { clear?: boolean } = {}): void {
    const clear = options.clear ?? this.state.views.get(viewId)?.clear_on_close === true;
    closeFrom(this.state, userId, viewId, clear);
    this.changed();
  }

  /** Every view of the person's modal goes (leaving the page). */
  clearModals(userId: string): void {
    clearModal(this.state, userId);
    this.changed();
  }

  /**
   * Checks the app's answer to a block_suggestion (its external select's `options` or `option_groups`):
   * every rule it breaks is a violation (check-payload.ts checkOptionsAnswer).
   */
  checkOptions(answer: unknown): void {
    checkOptionsAnswer(this.state, answer);
    this.changed();
  }

  /** Applies the app's HTTP ack to the person's view_submission of `viewId`, as Slack does (submissions.ts). */
  answerSubmission(userId: string, viewId: string, ack: unknown): SubmissionOutcome {
    const outcome = applySubmissionAck(this.state, userId, viewId, ack);
    this.changed();
    return outcome;
  }

  /** Every file announced by files.getUploadURLExternal (since the last reset), with its bytes once uploaded. */
  files(): FakeFile[] {
    return [...this.state.files.values()].map((f) => ({ ...f, channels: [...f.channels] }));
  }

  file(id: string): FakeFile | undefined {
    const f = this.state.files.get(id);
    return f && { ...f, channels: [...f.channels] };
  }

  /** Bumps `version` and tells the listeners; one that throws is recorded, never thrown into the HTTP handling. */
  protected changed(): void {
    this.changes += 1;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (err) {
        this.state.violation(
          `fake-slack: a change listener threw: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }
}
