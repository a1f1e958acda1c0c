// One running app for an integration test: real Bolt HTTP receiver, real Redis (own prefix), fake Slack Web API.
import { loadConfig } from '../../src/config.ts';
import { createDeps, type Deps } from '../../src/deps.ts';
import type { Clock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { type Running, startWeb, startWorkers } from '../../src/runtime.ts';
import { FakeSlack } from './fake-slack.ts';
import { deleteByPrefix, testPrefix } from './redis.ts';
import { type AppResponse, interactionBody, postToApp, slashCommandBody } from './sign.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const TEAM = 'T0FAKE';

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

export interface HarnessOptions {
  clock?: Clock;
  workers?: boolean;
}

export interface Harness {
  fake: FakeSlack;
  deps: Deps;
  events: string;
  log: string[];
  command(
    text: string,
    opts?: { userId?: string; channelId?: string; teamId?: string },
  ): Promise<CommandResult>;
  /** The view of the n-th views.open call (default: the last), with the id the fake gave it. */
  openedView(index?: number): OpenedView;
  submit(
    view: OpenedView,
    values: Values,
    opts?: { userId?: string; responseUrl?: string | null },
  ): Promise<AppResponse>;
  click(
    actionId: string,
    value: string,
    opts?: ClickOptions,
  ): Promise<{ response: AppResponse; responseUrl: string }>;
  /** Files an item through the real command and modal, and waits until its card is posted (or was refused). */
  file(item: FileInput): Promise<number>;
  stop(): Promise<void>;
}

export interface CommandResult {
  response: AppResponse;
  responseUrl: string;
  triggerId: string;
  /** Waits for the first reply posted to this command's response_url. */
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
}

export interface ClickOptions {
  userId?: string;
  channelId?: string;
  messageTs?: string;
  teamId?: string;
  blockId?: string;
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
    else if (type === 'static_select') entry.selected_option = raw === null ? null : { value: raw };
    else if (type === 'users_select') entry.selected_user = raw;
    else if (type === 'conversations_select') entry.selected_conversation = raw;
    state[id] = { [element.action_id]: entry };
  }
  return state;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeSlack.start({ teamId: TEAM });
  const prefix = testPrefix('app');
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    REDIS_PREFIX: prefix,
    PORT: '0',
    LOG_LEVEL: 'info',
  });
  const log: string[] = [];
  const deps = createDeps(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    logger: createLogger('info', {}, (line) => log.push(line)),
  });
  const running: Running[] = [];
  if (options.workers !== false) running.push(await startWorkers(deps));
  const web = await startWeb(deps);
  running.push(web);
  const events = `http://127.0.0.1:${web.port}/slack/events`;

  const post = (body: string) => postToApp(events, SIGNING_SECRET, body);

  const harness: Harness = {
    fake,
    deps,
    events,
    log,
    async command(text, opts = {}) {
      const responseUrl = fake.issueResponseUrl();
      const triggerId = fake.issueTriggerId();
      const response = await post(
        slashCommandBody({
          team_id: opts.teamId ?? TEAM,
          channel_id: opts.channelId ?? 'C0TEAM',
          user_id: opts.userId ?? 'U0ALICE',
          text,
          trigger_id: triggerId,
          response_url: responseUrl,
        }),
      );
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
      return post(
        interactionBody({
          type: 'view_submission',
          team: { id: TEAM, domain: 'fake' },
          user: { id: opts.userId ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: TEAM },
          api_app_id: 'A0FAKE',
          token: 'legacy',
          trigger_id: fake.issueTriggerId(),
          view: {
            ...view,
            team_id: TEAM,
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
      const channelId = opts.channelId ?? 'C0TEAM';
      const teamId = opts.teamId ?? TEAM;
      const response = await post(
        interactionBody({
          type: 'block_actions',
          team: { id: teamId, domain: 'fake' },
          user: { id: opts.userId ?? 'U0ALICE', username: 'alice', name: 'alice', team_id: teamId },
          api_app_id: 'A0FAKE',
          token: 'legacy',
          container: {
            type: 'message',
            message_ts: opts.messageTs ?? '1.000001',
            channel_id: channelId,
            is_ephemeral: false,
          },
          trigger_id: fake.issueTriggerId(),
          channel: { id: channelId, name: 'team' },
          message: { type: 'message', ts: opts.messageTs ?? '1.000001', text: '' },
          response_url: responseUrl,
          actions: [
            {
              type: 'button',
              action_id: actionId,
              block_id: opts.blockId ?? 'b',
              value,
              action_ts: '1.1',
              text: { type: 'plain_text', text: 'x' },
            },
          ],
        }),
      );
      return { response, responseUrl };
    },
    async file(input) {
      const channelId = input.channelId ?? 'C0TEAM';
      const userId = input.userId ?? 'U0ALICE';
      const opens = fake.callsTo('views.open').length;
      const posts = fake.callsTo('chat.postMessage').length + fake.callsTo('response_url').length;
      await harness.command('', { userId, channelId });
      await fake.waitFor(() => fake.callsTo('views.open').length > opens);
      const res = await harness.submit(
        harness.openedView(),
        {
          title: input.title,
          category: input.category ?? 'pipeline',
          channel: channelId,
          severity: input.severity ?? null,
          frequency: input.frequency ?? null,
          effort: input.effort ?? null,
        },
        { userId },
      );
      if (res.status !== 200 || res.text !== '') throw new Error(`filing failed: ${res.status} ${res.text}`);
      await fake.waitFor(
        () => fake.callsTo('chat.postMessage').length + fake.callsTo('response_url').length > posts,
      );
      const ids = (await deps.items.listTeam(TEAM)).map((i) => i.id);
      return Math.max(...ids);
    },
    async stop() {
      await Promise.allSettled(running.map((r) => r.stop()));
      await deleteByPrefix(deps.redis, prefix).catch(() => 0);
      await deps.close();
      await fake.close();
    },
  };
  return harness;
}
