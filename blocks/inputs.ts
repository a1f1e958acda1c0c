// Input blocks and selects shared by the modals: block_id and action_id are the same field id.
import type { FieldId } from './ids.ts';
import { type Block, type Option, plain } from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

export function input(
  id: FieldId,
  label: string,
  element: Block,
  options: { optional?: boolean; hint?: string } = {},
): Block {
  return {
    type: 'input',
    block_id: id,
    label: plain(label, SLACK_LIMITS.inputLabel),
    optional: options.optional ?? false,
    element: { ...element, action_id: id },
    ...(options.hint ? { hint: plain(options.hint, SLACK_LIMITS.inputLabel) } : {}),
  };
}

export interface SelectOptions {
  placeholder?: string;
  /** The value to preselect; ignored when no option has it. */
  initial?: string;
  /** Preselect the first option when `initial` matches none (a select that always holds a value). */
  orFirst?: boolean;
}

export function select(
  options: Option[],
  { placeholder, initial, orFirst = false }: SelectOptions = {},
): Block {
  const chosen = options.find((o) => o.value === initial) ?? (orFirst ? options[0] : undefined);
  return {
    type: 'static_select',
    ...(placeholder ? { placeholder: plain(placeholder, SLACK_LIMITS.placeholder) } : {}),
    options,
    ...(chosen ? { initial_option: chosen } : {}),
  };
}
