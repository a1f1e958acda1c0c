// The debt item of SPEC §1.1: its stored shape, field rules, id format and status transitions.
import { z } from 'zod';
import { CATEGORY_VALUES } from './categories.ts';
import { invalid } from './errors.ts';

export const ITEM_SCHEMA_VERSION = 1;

export const STATUSES = ['open', 'in_progress', 'resolved', 'wont_fix'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  wont_fix: "Won't fix",
};

export const LIMITS = {
  titleMin: 3,
  titleMax: 150,
  descriptionMax: 3000,
  componentMax: 80,
  linksMax: 5,
  linkMax: 500,
  noteMax: 500,
} as const;

/** A Slack team, channel or user id as stored and carried in job payloads. */
export const SlackIdSchema = z.string().regex(/^[A-Z0-9]{2,}$/);

/** Where the card and its thread live; absent until the card was posted. */
const CardRefSchema = z.object({ ts: z.string(), orphaned: z.boolean().default(false) });

export const ItemSchema = z.object({
  v: z.literal(ITEM_SCHEMA_VERSION),
  id: z.number().int().positive(),
  teamId: SlackIdSchema,
  channelId: SlackIdSchema,
  /** `public` once conversations.info said so; until then the item is treated as private (the safe side). */
  channelVisibility: z.enum(['public', 'private', 'unknown']),
  title: z.string().min(1),
  description: z.string().default(''),
  category: z.enum(CATEGORY_VALUES),
  component: z.string().default(''),
  links: z.array(z.string()).default([]),
  reporterId: SlackIdSchema,
  ownerId: SlackIdSchema.nullable().default(null),
  status: z.enum(STATUSES),
  votingClosed: z.boolean().default(false),
  createdAt: z.string(),
  updatedAt: z.string(),
  resolvedAt: z.string().nullable().default(null),
  /** Who resolved it (thanked in the digest), and the interest it had then (h/week; null if unscored). */
  resolvedBy: SlackIdSchema.nullable().default(null),
  resolvedInterest: z.number().nullable().default(null),
  card: CardRefSchema.nullable().default(null),
  /** The vote panel's ts (the first thread reply); null until posted. */
  panelTs: z.string().nullable().default(null),
  /** The panel's message is gone: never retried again. */
  panelOrphaned: z.boolean().default(false),
});
export type Item = z.infer<typeof ItemSchema>;

export const HISTORY_KINDS = [
  'filed',
  'edited',
  'voted',
  'pain_reported',
  'assigned',
  'status_changed',
] as const;
export const HistoryEventSchema = z.object({
  v: z.literal(1),
  kind: z.enum(HISTORY_KINDS),
  actorId: SlackIdSchema,
  at: z.string(),
  /** Short, structured detail: e.g. `open → resolved`, `owner U123`. Never the votes themselves (§1.1). */
  detail: z.string().default(''),
  /** A user the event is about (the new owner, for `assigned`), shown as a mention. */
  subjectId: SlackIdSchema.nullable().default(null),
  note: z.string().default(''),
});
export type HistoryEvent = z.infer<typeof HistoryEventSchema>;
/** What a writer says about an event; version, time and the optional fields' defaults are added. */
export type HistoryInput = Pick<HistoryEvent, 'kind' | 'actorId'> &
  Partial<Pick<HistoryEvent, 'detail' | 'note' | 'subjectId'>>;

/** One history event as stored (validated, so a bad event is refused before it is written). */
export function historyJson(event: HistoryInput, at: string): string {
  return JSON.stringify(HistoryEventSchema.parse({ ...event, v: 1, at }));
}

/** The user-editable part of an item, as the filing and edit modals produce it. */
export interface ItemDraft {
  title: string;
  description: string;
  category: Item['category'];
  component: string;
  links: string[];
  ownerId: string | null;
}

/** The card's thread permalink, built from the workspace URL (no chat.getPermalink call); null without a card. */
export function cardPermalink(
  item: Pick<Item, 'channelId' | 'card'>,
  workspaceUrl: string | null,
): string | null {
  if (!workspaceUrl || !item.card || item.card.orphaned) return null;
  const base = workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`;
  return `${base}archives/${item.channelId}/p${item.card.ts.replace('.', '')}`;
}

export function formatItemId(id: number): string {
  return `DEBT-${id}`;
}

/** Accepts `DEBT-42`, `debt-42`, `42` and `#42`; anything else is null. */
export function parseItemId(token: string): number | null {
  const match = /^(?:debt-?|#)?(\d{1,9})$/i.exec(token.trim());
  if (!match?.[1]) return null;
  const id = Number(match[1]);
  return id > 0 ? id : null;
}

export function isOpen(status: Status): boolean {
  return status === 'open' || status === 'in_progress';
}

export type StatusAction = 'start' | 'resolve' | 'wontfix' | 'reopen';
export const STATUS_ACTIONS: readonly StatusAction[] = ['start', 'resolve', 'wontfix', 'reopen'];

const TARGET: Record<StatusAction, Status> = {
  start: 'in_progress',
  resolve: 'resolved',
  wontfix: 'wont_fix',
  reopen: 'open',
};

/** Applies §1.1's transitions; a move the lifecycle does not allow is `invalid` with a reason. */
export function nextStatus(current: Status, action: StatusAction): Status {
  const target = TARGET[action];
  const allowed =
    (action === 'start' && current === 'open') ||
    ((action === 'resolve' || action === 'wontfix') && isOpen(current)) ||
    (action === 'reopen' && !isOpen(current));
  if (!allowed) {
    throw invalid(
      `It is ${STATUS_LABELS[current].toLowerCase()}, so it cannot be moved to ${STATUS_LABELS[target].toLowerCase()}.`,
    );
  }
  return target;
}
