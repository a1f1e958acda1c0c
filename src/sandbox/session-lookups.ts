// What a person may act on, looked up as Slack looks it up before it passes a request on: someone in the
// workspace, a channel they can see, a message, modal or Home there. Anything else is refused with Slack's code.
import type { ActionSource, SubmitRequest } from './contract.ts';
import { isRecord } from './fake-slack/parse.ts';
import type { FakeSlack, StoredMessage, StoredView } from './fake-slack.ts';
import { memberOf, type Person } from './requests.ts';
import { SandboxRefusal } from './session-errors.ts';
import { SANDBOX_DOMAIN, visibleTo } from './workspace.ts';

export class SessionLookups {
  constructor(private readonly fake: FakeSlack) {}

  /** A person in the workspace; the app's bot user is not one. */
  person(id: string): Person {
    const user = this.fake.users().find((u) => u.id === id && !u.is_bot);
    if (!user) throw new SandboxRefusal('user_not_found');
    return { id: user.id, name: user.name };
  }

  /** The person as a payload names them (user, team, enterprise). */
  who(person: Person) {
    return memberOf(this.fake.teamId, SANDBOX_DOMAIN, person);
  }

  /** A channel the person can see (a private one only as a member), or their DM with the app. */
  channel(userId: string, id: string): { id: string; name: string } {
    if (id === `D${userId}`) return { id, name: 'directmessage' };
    const channel = this.fake.channels().find((c) => c.id === id);
    if (!channel || !visibleTo(channel, userId)) throw new SandboxRefusal('channel_not_found');
    if (channel.is_archived) throw new SandboxRefusal('is_archived');
    return { id: channel.id, name: channel.name };
  }

  message(userId: string, channelId: string, ts: string, ephemeral: boolean): StoredMessage {
    const found = ephemeral
      ? this.fake.ephemerals(channelId, userId).find((m) => m.ts === ts)
      : this.fake.messages(channelId).find((m) => m.ts === ts);
    if (!found) throw new SandboxRefusal('message_not_found');
    return found;
  }

  modal(userId: string, viewId: string): StoredView {
    const view = this.fake.modalStack(userId).find((v) => v.id === viewId);
    if (!view) throw new SandboxRefusal('view_not_found');
    return view;
  }

  homeView(userId: string, viewId: string): StoredView {
    const view = this.fake.home(userId);
    if (!view || view.id !== viewId) throw new SandboxRefusal('view_not_found');
    return view;
  }

  /** The view an element the person used sits in: a modal of theirs or their Home. */
  view(userId: string, source: Exclude<ActionSource, { kind: 'message' }>): StoredView {
    return source.kind === 'home' ? this.homeView(userId, source.viewId) : this.modal(userId, source.viewId);
  }

  /** Slack gives a response_url for each input with `response_url_enabled`, for the conversation chosen in it. */
  responseUrlsFor(userId: string, view: StoredView, values: SubmitRequest['values']) {
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
