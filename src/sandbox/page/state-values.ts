// What Slack would put in `view.state.values` and in `actions[0]`, from what the page's controls hold. Pure:
// a control reports plain strings (text typed, values picked) and this file types them per element.
import type { ActionElement, ElementValue, StateValues } from '../contract.ts';
import { isObject, type Json, objects, str, strings, textOf } from './json.ts';

/** An option as the app sent it (`text`, `value`, maybe `description`). */
export type OptionObject = Json & { text: Json; value: string };

/** Element values the contract does not spell out but Slack sends (multi selects, datepicker). */
export type PageElementValue = ElementValue & {
  selected_users?: string[];
  selected_conversations?: string[];
};
export type PageActionElement = ActionElement & {
  selected_date?: string;
  selected_users?: string[];
  selected_options?: ElementValue['selected_options'];
};

/** One stateful element and what its control holds now. */
export interface FieldReading {
  blockId: string;
  actionId: string;
  element: Json;
  /** The text typed (one string) or the values picked; empty: nothing. */
  picked: readonly string[];
  /** Options known besides the element's own: an external select's initial and last loaded ones. */
  extraOptions?: readonly OptionObject[];
  /** Set on input blocks: whether Slack lets the modal be submitted without it. */
  optional?: boolean;
}

const isOption = (o: Json): o is OptionObject => isObject(o.text) && typeof o.value === 'string';

/** The element's options, option groups flattened. */
export function optionsOf(element: Json): OptionObject[] {
  const groups = objects(element, 'option_groups').flatMap((g) => objects(g, 'options'));
  return [...objects(element, 'options'), ...groups].filter(isOption);
}

const asSelected = (o: OptionObject) => ({
  text: { type: 'plain_text' as const, text: textOf(o.text) },
  value: o.value,
});

/** The strings a control starts with, from the element's `initial_*` fields. */
export function initialPicked(element: Json): string[] {
  const one = (v: string | undefined) => (v === undefined ? [] : [v]);
  const initialOption = isObject(element.initial_option) ? str(element.initial_option, 'value') : undefined;
  const initialOptions = objects(element, 'initial_options').flatMap((o) => one(str(o, 'value')));
  return [
    ...one(str(element, 'initial_value')),
    ...one(initialOption),
    ...initialOptions,
    ...one(str(element, 'initial_user')),
    ...strings(element, 'initial_users'),
    ...one(str(element, 'initial_conversation')),
    ...strings(element, 'initial_conversations'),
    ...one(str(element, 'initial_channel')),
    ...one(str(element, 'initial_time')),
    ...one(str(element, 'initial_date')),
  ];
}

/** The value Slack reports for one element; null fields mean "nothing chosen", as Slack sends them. */
export function elementValue(reading: FieldReading): PageElementValue {
  const type = str(reading.element, 'type') ?? 'unknown';
  const first = reading.picked[0] || null;
  const known = [...(reading.extraOptions ?? []), ...optionsOf(reading.element)];
  const find = (value: string) => known.find((o) => o.value === value);
  switch (type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_text_input':
      return { type, value: first };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons': {
      const option = first === null ? undefined : find(first);
      return { type, selected_option: option ? asSelected(option) : null };
    }
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return {
        type,
        selected_options: reading.picked.flatMap((v) => {
          const option = find(v);
          return option ? [asSelected(option)] : [];
        }),
      };
    case 'users_select':
      return { type, selected_user: first };
    case 'multi_users_select':
      return { type, selected_users: [...reading.picked] };
    case 'conversations_select':
      return { type, selected_conversation: first };
    case 'multi_conversations_select':
      return { type, selected_conversations: [...reading.picked] };
    case 'channels_select':
      return { type, selected_channel: first };
    case 'timepicker':
      return { type, selected_time: first };
    case 'datepicker':
      return { type, selected_date: first };
    default:
      return { type };
  }
}

/**
 * A map keyed by ids the app chose: with no prototype, `__proto__` or `constructor` is an entry like any other
 * (on `{}`, `values.__proto__ = …` would replace the prototype and the entry would vanish).
 */
const byId = <T>(): Record<string, T> => Object.create(null);

/** `view.state.values`: block_id → action_id → value. */
export function collectStateValues(readings: readonly FieldReading[]): StateValues {
  const values = byId<Record<string, ElementValue>>();
  for (const reading of readings) {
    const block = values[reading.blockId] ?? byId<ElementValue>();
    block[reading.actionId] = elementValue(reading);
    values[reading.blockId] = block;
  }
  return values;
}

/** `actions[0]` of a block_actions payload for a select, picker or input: the same value, nulls left out. */
export function toActionElement(reading: FieldReading): PageActionElement {
  const value = elementValue(reading);
  const action: PageActionElement = {
    type: value.type,
    action_id: reading.actionId,
    block_id: reading.blockId,
  };
  if (value.value) action.value = value.value;
  if (value.selected_option) action.selected_option = value.selected_option;
  if (value.selected_options) action.selected_options = value.selected_options;
  if (value.selected_user) action.selected_user = value.selected_user;
  if (value.selected_users) action.selected_users = value.selected_users;
  if (value.selected_conversation) action.selected_conversation = value.selected_conversation;
  if (value.selected_channel) action.selected_channel = value.selected_channel;
  if (value.selected_time) action.selected_time = value.selected_time;
  if (value.selected_date) action.selected_date = value.selected_date;
  return action;
}

/** A button's `actions[0]`: its text and value. */
export function buttonAction(element: Json, blockId: string, actionId: string): PageActionElement {
  const value = str(element, 'value');
  const text = isObject(element.text) ? element.text : undefined;
  return {
    type: 'button',
    action_id: actionId,
    block_id: blockId,
    // Slack's plain_text defaults `emoji` to true, and reports it so.
    text: { type: 'plain_text', text: textOf(text), emoji: text?.emoji !== false },
    ...(value === undefined ? {} : { value }),
  };
}

/**
 * What Slack's client refuses before sending a submission: required inputs left empty and text under its
 * `min_length`. Messages by block_id, shown under the inputs as Slack does; empty: the submission may go.
 */
export function clientErrors(readings: readonly FieldReading[]): Record<string, string> {
  const errors = byId<string>();
  for (const reading of readings) {
    if (reading.optional !== false) continue;
    const text = reading.picked[0] ?? '';
    const minLength = reading.element.min_length;
    if (reading.picked.length === 0 || text.trim() === '')
      errors[reading.blockId] = 'Please fill out this field.';
    else if (typeof minLength === 'number' && text.length < minLength)
      errors[reading.blockId] = `Please enter at least ${minLength} characters.`;
  }
  return errors;
}
