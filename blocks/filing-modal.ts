// The filing and edit modal (SPEC §2.2). Prefilled values are plain text inputs, so they are never escaped.

import { CATEGORIES } from '../src/domain/categories.ts';
import { formatItemId, type ItemDraft, LIMITS } from '../src/domain/item.ts';
import { EFFORT_SCALE, FREQUENCY_SCALE, SEVERITY_SCALE } from '../src/domain/scales.ts';
import { clip } from '../src/lib/text.ts';
import { levelText } from './format.ts';
import { CALLBACK, FIELD } from './ids.ts';
import { input, type ModalView, modal, select } from './inputs.ts';
import { type Block, option } from './kit.ts';

export interface FilingModalModel {
  mode: 'file' | 'edit';
  /** Edit mode: the item being edited. */
  itemId?: number;
  prefill: Partial<ItemDraft>;
  /** File mode: the channel preselected for the card (omitted when the command ran in a DM). */
  channelId?: string | null;
  privateMetadata: string;
}

/** A prefill (e.g. a long message, SPEC §2.6) is clipped to `max` without keeping half of an emoji. */
function textInput(initial: string | undefined, max: number, extra: Record<string, unknown> = {}): Block {
  return {
    type: 'plain_text_input',
    max_length: max,
    ...(initial ? { initial_value: clip(initial, max) } : {}),
    ...extra,
  };
}

const severityOptions = SEVERITY_SCALE.map((s) =>
  option(`${s.level} · ${s.label}`, String(s.level), s.anchor),
);
const frequencyOptions = FREQUENCY_SCALE.map((f) =>
  option(`${f.level} · ${f.label}`, String(f.level), f.anchor),
);
const effortOptions = EFFORT_SCALE.map((e) =>
  option(levelText('effort', e.level), String(e.level), e.anchor),
);
const categoryOptions = CATEGORIES.map((c) => option(c.label, c.value, c.hint || undefined));

export function buildFilingModal(model: FilingModalModel): ModalView {
  const { prefill } = model;
  const isFile = model.mode === 'file';
  const blocks: Block[] = [
    input(FIELD.title, 'Title', textInput(prefill.title, LIMITS.titleMax, { min_length: LIMITS.titleMin }), {
      hint: 'What hurts, in a few words, e.g. "Feature store backfill is a manual notebook"',
    }),
    input(
      FIELD.category,
      'Category',
      select(categoryOptions, { placeholder: 'Choose a category', initial: prefill.category }),
    ),
    input(
      FIELD.description,
      'Description',
      textInput(prefill.description, LIMITS.descriptionMax, { multiline: true }),
      { optional: true },
    ),
    input(FIELD.component, 'Component', textInput(prefill.component, LIMITS.componentMax), {
      optional: true,
      hint: 'e.g. feature-store, ranking-model',
    }),
    input(
      FIELD.links,
      'Links',
      textInput(prefill.links?.join('\n'), LIMITS.linksMax * (LIMITS.linkMax + 1), { multiline: true }),
      {
        optional: true,
        hint: `Up to ${LIMITS.linksMax} http(s) links, one per line`,
      },
    ),
    input(
      FIELD.owner,
      'Owner',
      { type: 'users_select', ...(prefill.ownerId ? { initial_user: prefill.ownerId } : {}) },
      { optional: true },
    ),
  ];
  if (isFile) {
    blocks.push(
      input(
        FIELD.channel,
        'Post the card in',
        {
          type: 'conversations_select',
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          // Gives the submission a response_url, so a card that cannot be posted can still be reported.
          response_url_enabled: true,
          ...(model.channelId ? { initial_conversation: model.channelId } : {}),
        },
        { hint: 'The team whose backlog and weekly digest this belongs to' },
      ),
      input(
        FIELD.severity,
        'Your estimate: when it bites, how bad?',
        select(severityOptions, { placeholder: 'Severity' }),
        { optional: true },
      ),
      input(
        FIELD.frequency,
        'Your estimate: how often does it bite?',
        select(frequencyOptions, { placeholder: 'Frequency' }),
        { optional: true },
      ),
      input(
        FIELD.effort,
        'Your estimate: how big is a proper fix?',
        select(effortOptions, { placeholder: 'Effort' }),
        { optional: true },
      ),
    );
  }
  return modal(
    isFile ? CALLBACK.fileModal : CALLBACK.editModal,
    {
      title: isFile ? 'File tech debt' : `Edit ${formatItemId(model.itemId ?? 0)}`,
      submit: isFile ? 'File' : 'Save',
    },
    model.privateMetadata,
    blocks,
  );
}
