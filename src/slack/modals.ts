// Opening the filing and edit modals, and the private_metadata they carry (validated on the way back).
import { z } from 'zod';
import { buildFilingModal } from '../../blocks/filing-modal.ts';
import type { Item, ItemDraft } from '../domain/item.ts';
import type { RequestContext } from './context.ts';

const FileMetadataSchema = z.object({ v: z.literal(1), origin: z.string().nullable() });
/** Modals about one item (edit, pain report): which item, and the channel it was opened from. */
export const ItemMetadataSchema = z.object({
  v: z.literal(1),
  itemId: z.number().int().positive(),
  channelId: z.string().nullable(),
});
/** The settings modal: the channel being configured. */
export const SettingsMetadataSchema = z.object({
  v: z.literal(1),
  channelId: z.string().regex(/^[CG][A-Z0-9]+$/),
});

/** private_metadata as written: checked against the schema it will be read back with. */
export function writeMetadata<S extends z.ZodType>(schema: S, value: z.input<S>): string {
  return JSON.stringify(schema.parse(value));
}

/** DMs and group DMs cannot hold a card, so the channel select starts empty there. */
function cardChannel(channelId: string | null): string | null {
  return channelId && /^[CG]/.test(channelId) ? channelId : null;
}

export async function openFilingModal(
  ctx: RequestContext,
  triggerId: string,
  prefill: Partial<ItemDraft>,
): Promise<void> {
  const { channelId } = ctx;
  const view = buildFilingModal({
    mode: 'file',
    prefill,
    channelId: cardChannel(channelId),
    privateMetadata: writeMetadata(FileMetadataSchema, { v: 1, origin: channelId }),
  });
  await ctx.client.views.open({ trigger_id: triggerId, view });
}

export async function openEditModal(ctx: RequestContext, triggerId: string, item: Item): Promise<void> {
  const view = buildFilingModal({
    mode: 'edit',
    itemId: item.id,
    prefill: item,
    privateMetadata: writeMetadata(ItemMetadataSchema, { v: 1, itemId: item.id, channelId: ctx.channelId }),
  });
  await ctx.client.views.open({ trigger_id: triggerId, view });
}

/** Parses private_metadata we wrote; anything else (tampered, from an old version) is null. */
export function readMetadata<S extends z.ZodType>(schema: S, raw: string | undefined): z.infer<S> | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not JSON: treated exactly like JSON of the wrong shape.
    return null;
  }
}
