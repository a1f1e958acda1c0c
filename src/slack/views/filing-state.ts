// Reads the filing/edit modal's state into a draft, or into inline field errors (SPEC §2.2).
import { FIELD, type FieldId } from '../../../blocks/ids.ts';
import { isCategory } from '../../domain/categories.ts';
import { type ItemDraft, LIMITS } from '../../domain/item.ts';
import { isLevel, type Level } from '../../domain/scales.ts';

/** The shape Slack sends in `view.state.values[block_id][action_id]`, reduced to what we read. */
export interface InputState {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_user?: string | null;
  selected_conversation?: string | null;
  selected_time?: string | null;
  selected_users?: string[] | null;
}
export type ViewStateValues = Record<string, Record<string, InputState>>;

export interface FilingInput {
  draft: ItemDraft;
  channelId: string | null;
  estimates: { severity: Level | null; frequency: Level | null; effort: Level | null };
}

export type FieldErrors = Partial<Record<FieldId, string>>;

/** One input's state; our inputs use the same id for block and action. */
export function field(values: ViewStateValues, id: FieldId): InputState {
  return values[id]?.[id] ?? {};
}

/** A text input's value, trimmed; empty when it was left blank. */
export function text(values: ViewStateValues, id: FieldId): string {
  return (field(values, id).value ?? '').trim();
}

function level(values: ViewStateValues, id: FieldId): Level | null {
  const n = Number(field(values, id).selected_option?.value);
  return isLevel(n) ? n : null;
}

function parseLinks(raw: string): { links: string[]; error: string | null } {
  const tokens = raw.split(/\s+/).filter(Boolean);
  if (tokens.length > LIMITS.linksMax)
    return { links: [], error: `At most ${LIMITS.linksMax} links, please.` };
  for (const token of tokens) {
    let url: URL | null = null;
    try {
      url = new URL(token);
    } catch {
      // Not a URL at all: reported below with the offending text.
    }
    if (
      !url ||
      !['http:', 'https:'].includes(url.protocol) ||
      token.length > LIMITS.linkMax ||
      /[<>|]/.test(token)
    ) {
      return { links: [], error: `“${token.slice(0, 60)}” is not an http(s) link.` };
    }
  }
  return { links: tokens, error: null };
}

export function parseFilingState(values: ViewStateValues, mode: 'file' | 'edit'): FilingInput | FieldErrors {
  const errors: FieldErrors = {};
  const title = text(values, FIELD.title).replace(/\s+/g, ' ');
  if (title.length < LIMITS.titleMin || title.length > LIMITS.titleMax)
    errors.title = `The title needs ${LIMITS.titleMin}–${LIMITS.titleMax} characters (it has ${title.length}).`;
  const description = text(values, FIELD.description);
  if (description.length > LIMITS.descriptionMax)
    errors.description = `At most ${LIMITS.descriptionMax} characters (it has ${description.length}).`;
  const category = field(values, FIELD.category).selected_option?.value ?? '';
  if (!isCategory(category)) errors.category = 'Choose a category.';
  const component = text(values, FIELD.component);
  if (component.length > LIMITS.componentMax) errors.component = `At most ${LIMITS.componentMax} characters.`;
  const { links, error: linkError } = parseLinks(text(values, FIELD.links));
  if (linkError) errors.links = linkError;
  const ownerId = field(values, FIELD.owner).selected_user ?? null;
  if (ownerId !== null && !/^[UW][A-Z0-9]{2,}$/.test(ownerId)) errors.owner = 'Choose a person.';
  const channelId = field(values, FIELD.channel).selected_conversation ?? null;
  if (mode === 'file' && (channelId === null || !/^[CG][A-Z0-9]{2,}$/.test(channelId)))
    errors.channel = 'Choose a public or private channel for the card.';

  if (Object.keys(errors).length > 0 || !isCategory(category)) return errors;
  return {
    draft: { title, description, category, component, links, ownerId },
    channelId,
    estimates: {
      severity: level(values, FIELD.severity),
      frequency: level(values, FIELD.frequency),
      effort: level(values, FIELD.effort),
    },
  };
}

export function isFieldErrors(result: FilingInput | FieldErrors): result is FieldErrors {
  return !('draft' in result);
}
