// The modal shell, and the input blocks and selects the modals share: block_id and action_id are the same
// field id.
import type { FieldId } from './ids.ts';
import { type Block, type Option, plain } from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

export interface ModalView {
  type: 'modal';
  callback_id: string;
  title: { type: 'plain_text'; text: string };
  submit: { type: 'plain_text'; text: string };
  close: { type: 'plain_text'; text: string };
  private_metadata: string;
  blocks: Block[];
}

/** A modal with a submit button and *Cancel*; titles are cut to Slack's limits. */
export function modal(
  callbackId: string,
  texts: { title: string; submit: string },
  privateMetadata: string,
  blocks: Block[],
): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(texts.title, SLACK_LIMITS.viewTitle) as ModalView['title'],
    submit: plain(texts.submit, SLACK_LIMITS.viewSubmit) as ModalView['submit'],
    close: plain('Cancel', SLACK_LIMITS.viewClose) as ModalView['close'],
    private_metadata: privateMetadata,
    blocks,
  };
}

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
