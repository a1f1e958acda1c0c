// Plays Slack's part towards a running app: signed slash commands, modal submissions and clicks.
import type { FakeSlack } from '../../src/sandbox/fake-slack.ts';
import {
  interactionIdentity,
  MEMBER,
  type PayloadIdentity,
  TEAM,
} from '../../src/sandbox/payload-identities.ts';
import { type AppResponse, interactionBody, postToApp, slashCommandBody } from '../../src/sandbox/sign.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export { TEAM } from '../../src/sandbox/payload-identities.ts';

type Values = Record<string, string | null>;
interface ViewBlock {
  block_id?: string;
  element?: { type?: string; action_id?: string };
}
export interface OpenedView {
  id: string;
  callback_id: string;
  private_metadata: string;
  blocks: ViewBlock[];
}

export interface CommandResult {
  response: AppResponse;
  responseUrl: string;
  triggerId: string;
  /**
   * Waits for the command's first answer: its ack body when it carried one (Slack shows it), else the first
   * reply posted to its response_url.
   */
  reply(): Promise<Record<string, unknown>>;
}

export interface FileInput {
  title: string;
  category?: string;
  channelId?: string;
  userId?: string;
  severity?: string;
  frequency?: string;
  effort?: string;
  /** Who files, in Slack's payload shapes; default a member. */
  as?: PayloadIdentity;
}

export interface ClickOptions {
  userId?: string;
  channelId?: string;
  messageTs?: string;
  teamId?: string;
  blockId?: string;
  /** Slack's stamp of the click; a fresh one per click unless a test re-sends the same delivery. */
  actionTs?: string;
  /** Who clicks, in Slack's payload shapes (a Connect guest, a Grid user…); default a member. */
  as?: PayloadIdentity;
  /**
   * A click in an ephemeral message (a list page): Slack marks the container `is_ephemeral` and sends no
   * `message` (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload).
   */
  ephemeral?: boolean;
}

/** The identity a request is sent as: `as`, else a member, with `userId` and `teamId` overriding. */
function identityOf(opts: { as?: PayloadIdentity; userId?: string; teamId?: string }): PayloadIdentity {
  const who = opts.as ?? MEMBER;
  const teamId = opts.teamId;
  return {
    ...who,
    userId: opts.userId ?? who.userId,
    ...(teamId ? { userTeamId: teamId, team: { id: teamId, domain: 'other' } } : {}),
  };
}

/** Turns simple field values into the `state.values` Slack would send for the view's input elements. */
export function stateValues(view: OpenedView, values: Values): Record<string, Record<string, unknown>> {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of view.blocks) {
    const id = block.block_id;
    const element = block.element;
    if (!id || !element?.action_id || !element.type) continue;
    const raw = values[id] ?? null;
    const type = element.type;
    const entry: Record<string, unknown> = { type };
    if (type === 'plain_text_input') entry.value = raw;
    // Both send the chosen option the same way (block_actions / view_submission state reference).
    else if (type === 'static_select' || type === 'radio_buttons')
      entry.selected_option = raw === null ? null : { value: raw };
    else if (type === 'users_select') entry.selected_user = raw;
    else if (type === 'conversations_select') entry.selected_conversation = raw;
    state[id] = { [element.action_id]: entry };
  }
  return state;
}

export interface Driver {
  /** The app's Slack endpoint this driver posts to. */
  events: string;
  command(
    text: string,
    opts?: { userId?: string; channelId?: string; teamId?: string; as?: PayloadIdentity },
  ): Promise<CommandResult>;
  /** The view of the n-th views.open call (default: the last), with the id the fake gave it. */
  openedView(index?: number): OpenedView;
  submit(
    view: OpenedView,
    values: Values,
    opts?: {
      userId?: string;
      responseUrl?: string | null;
      as?: PayloadIdentity;
      /** `view.app_installed_team_id`: the workspace that installed the app (default: the fake's). */
      installedTeamId?: string;
    },
  ): Promise<AppResponse>;
  click(
    actionId: string,
    value: string,
    opts?: ClickOptions,
  ): Promise<{ response: AppResponse; responseUrl: string }>;
  /** Files an item through the real command and modal, and waits until its card is posted (or was refused). */
  file(item: FileInput): Promise<number>;
}

export interface BlockAction extends ClickOptions {
  actionId: string;
  value: string;
  responseUrl: string;
  triggerId?: string;
}

/** The signed-body payload Slack sends when someone clicks a button in a message. */
export function blockActionBody(a: BlockAction): string {
  const channelId = a.channelId ?? 'C0TEAM';
  const messageTs = a.messageTs ?? '1.000001';
  return interactionBody({
    type: 'block_actions',
    ...interactionIdentity(identityOf(a)),
    api_app_id: 'A0FAKE',
    token: 'legacy',
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: !!a.ephemeral },
    trigger_id: a.triggerId ?? 'unused',
    channel: { id: channelId, name: 'team' },
    ...(a.ephemeral ? {} : { message: { type: 'message', ts: messageTs, text: '' } }),
    response_url: a.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: a.actionId,
        block_id: a.blockId ?? 'b',
        value: a.value,
        action_ts: a.actionTs ?? `${Date.now() / 1000}${Math.random().toFixed(6).slice(1)}`,
        text: { type: 'plain_text', text: 'x' },
      },
    ],
  });
}

/**
 * A driver that sends to the app's HTTP endpoint, signed, or — with `post` — any other way Slack
 * reaches it (Socket Mode). `events` is the HTTP endpoint; in Socket Mode, one on the health server.
 */
export function createDriver(
  fake: FakeSlack,
  events: string,
  post: (body: string) => Promise<AppResponse> = (body) => postToApp(events, SIGNING_SECRET, body),
): Driver {
  const driver: Driver = {
    events,
    async command(text, opts = {}) {
      const responseUrl = fake.issueResponseUrl();
      const triggerId = fake.issueTriggerId();
      const who = identityOf(opts);
      const response = await post(
        slashCommandBody({
          team_id: who.team?.id ?? who.userTeamId,
          ...(who.enterprise ? { enterprise_id: who.enterprise.id } : {}),
          is_enterprise_install: who.isEnterpriseInstall ? 'true' : 'false',
          channel_id: opts.channelId ?? 'C0TEAM',
          user_id: who.userId,
          text,
          trigger_id: triggerId,
          response_url: responseUrl,
        }),
      );
      // Slack shows an ack body as the command's answer, as it shows a reply to its response_url.
      if (response.status === 200) fake.commandAcked(responseUrl, response);
      return {
        response,
        responseUrl,
        triggerId,
        reply: () => fake.waitFor(() => fake.responses(responseUrl)[0]),
      };
    },
    openedView(index) {
      const calls = fake.callsTo('views.open');
      const call = calls.at(index ?? -1);
      if (!call) throw new Error('views.open was not called');
      const view = call.args.view as Omit<OpenedView, 'id'>;
      const stored = fake.calls.indexOf(call);
      return { ...view, id: `V${String(stored).padStart(6, '0')}-${calls.indexOf(call)}` };
    },
    async submit(view, values, opts = {}) {
      const responseUrl = opts.responseUrl === undefined ? fake.issueResponseUrl() : opts.responseUrl;
      const who = identityOf(opts);
      return post(
        interactionBody({
          type: 'view_submission',
          ...interactionIdentity(who),
          api_app_id: 'A0FAKE',
          token: 'legacy',
          trigger_id: fake.issueTriggerId(),
          view: {
            ...view,
            team_id: who.team?.id ?? who.userTeamId,
            app_installed_team_id: opts.installedTeamId ?? TEAM,
            type: 'modal',
            hash: 'h',
            app_id: 'A0FAKE',
            bot_id: 'B0FAKE',
            state: { values: stateValues(view, values) },
          },
          response_urls: responseUrl
            ? [
                {
                  block_id: 'channel',
                  action_id: 'channel',
                  channel_id: values.channel ?? '',
                  response_url: responseUrl,
                },
              ]
            : [],
        }),
      );
    },
    async click(actionId, value, opts = {}) {
      const responseUrl = fake.issueResponseUrl();
      const response = await post(
        blockActionBody({ ...opts, actionId, value, responseUrl, triggerId: fake.issueTriggerId() }),
      );
      return { response, responseUrl };
    },
    async file(input) {
      const channelId = input.channelId ?? 'C0TEAM';
      const userId = input.userId ?? input.as?.userId ?? 'U0ALICE';
      const as = input.as ?? MEMBER;
      const opens = fake.callsTo('views.open').length;
      await driver.command('', { userId, channelId, as });
      await fake.waitFor(() => fake.callsTo('views.open').length > opens);
      const mark = fake.calls.length;
      const res = await driver.submit(
        driver.openedView(),
        {
          title: input.title,
          category: input.category ?? 'pipeline',
          channel: channelId,
          severity: input.severity ?? null,
          frequency: input.frequency ?? null,
          effort: input.effort ?? null,
        },
        { userId, as },
      );
      if (res.status !== 200 || res.text !== '') throw new Error(`filing failed: ${res.status} ${res.text}`);
      // The new item's number, from its card (or from the message telling the reporter it was not posted).
      const first = await fake.waitFor(() =>
        fake.calls
          .slice(mark)
          .find((c) => c.method === 'response_url' || (c.method === 'chat.postMessage' && !c.args.thread_ts)),
      );
      const id = /DEBT-(\d+)/.exec(JSON.stringify(first.args))?.[1];
      if (!id) throw new Error('no item number in the first post after filing');
      if (first.method === 'chat.postMessage' && first.args.channel === channelId) {
        // A posted card is followed by its vote panel in the thread; wait for it so tests start from a settled item.
        await fake.waitFor(() =>
          fake.calls
            .slice(mark)
            .some(
              (c) =>
                c.method === 'chat.postMessage' &&
                c.args.thread_ts &&
                String(c.args.text).includes(`DEBT-${id}:`),
            ),
        );
      }
      return Number(id);
    },
  };
  return driver;
}
