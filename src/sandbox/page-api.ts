// The page's requests, checked before they reach the session: anything else gets a 400 naming the problem.
import { z } from 'zod';

const id = z.string().min(1).max(64);
const text = z.object({
  type: z.literal('plain_text'),
  text: z.string().max(3000),
  emoji: z.boolean().optional(),
});
const option = z.object({ text, value: z.string().max(2000) });

const source = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), channel: id, ts: id, ephemeral: z.boolean() }),
  z.object({ kind: z.literal('modal'), viewId: id }),
  z.object({ kind: z.literal('home'), viewId: id }),
]);

const elementValue = z.object({
  type: z.string().max(64),
  value: z.string().max(10_000).nullable().optional(),
  selected_option: option.nullable().optional(),
  selected_user: z.string().max(64).nullable().optional(),
  selected_users: z.array(z.string().max(64)).max(100).optional(),
  selected_conversations: z.array(z.string().max(64)).max(100).optional(),
  selected_conversation: z.string().max(64).nullable().optional(),
  selected_channel: z.string().max(64).nullable().optional(),
  selected_time: z.string().max(16).nullable().optional(),
  selected_date: z.string().max(16).nullable().optional(),
  selected_options: z.array(option).max(100).optional(),
});
const values = z.record(z.string().max(255), z.record(z.string().max(255), elementValue));

export const PAGE_REQUESTS = {
  // Above Slack's 40,000 characters: still a request a page sends, refused by the session as Slack refuses it
  // (msg_too_long). Only text far past that is a bad request.
  command: z.object({ user: id, channel: id, text: z.string().max(100_000), threadTs: id.optional() }),
  action: z.object({
    user: id,
    source,
    action: z.object({
      type: z.string().max(64),
      action_id: z.string().max(255),
      block_id: z.string().max(255),
      value: z.string().max(2000).optional(),
      text: text.optional(),
      selected_option: option.optional(),
      selected_user: z.string().max(64).optional(),
      selected_users: z.array(z.string().max(64)).max(100).optional(),
      selected_conversation: z.string().max(64).optional(),
      selected_conversations: z.array(z.string().max(64)).max(100).optional(),
      selected_channel: z.string().max(64).optional(),
      selected_time: z.string().max(16).optional(),
      selected_date: z.string().max(16).optional(),
      selected_options: z.array(option).max(100).optional(),
    }),
    values: values.optional(),
  }),
  submit: z.object({ user: id, viewId: id, values }),
  close: z.object({ user: id, viewId: id }),
  shortcut: z.object({ user: id, channel: id, ts: id, callbackId: z.string().max(255) }),
  options: z.object({
    user: id,
    source,
    action_id: z.string().max(255),
    block_id: z.string().max(255),
    value: z.string().max(2000),
  }),
  home: z.object({ user: id }),
  digest: z.object({ user: id, channel: id }),
  reset: z.object({ demo: z.boolean() }),
} as const;

export type PageRequestName = keyof typeof PAGE_REQUESTS;

export const isPageRequest = (name: string): name is PageRequestName => Object.hasOwn(PAGE_REQUESTS, name);
