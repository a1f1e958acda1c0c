// The stateful controls: text, selects (static, users, conversations), pickers, radio buttons and checkboxes.
// Each reads and writes plain strings; state-values.ts turns those into what Slack reports.
import { el } from './dom.ts';
import { type Json, obj, objects, own, str, strings } from './json.ts';
import { plainText, textObjectToDom } from './mrkdwn-dom.ts';
import { initialPicked, type OptionObject, optionsOf } from './state-values.ts';
import type { Surface } from './surface.ts';

export interface Control {
  node: HTMLElement;
  read(): string[];
  write(picked: readonly string[], options?: readonly OptionObject[]): void;
  extraOptions(): OptionObject[];
}

export interface ControlSpec {
  element: Json;
  blockId: string;
  actionId: string;
  /** For the input block's <label for>. */
  controlId: string;
  /** The input block's label, for groups that a <label> cannot name. */
  labelId?: string;
  surface: Surface;
  /** Whether a change is sent as block_actions (always outside input blocks; there, `dispatch_action`). */
  dispatches: boolean;
  /** The viewer changed the value in a way Slack reports (a pick, Enter in a text field). */
  changed(): void;
}

export const placeholderOf = (element: Json, fallback: string) =>
  plainText(obj(element, 'placeholder')) || fallback;

function textControl({ element, actionId, controlId, dispatches, changed }: ControlSpec): Control {
  const multiline = element.multiline === true;
  const maxLength = typeof element.max_length === 'number' ? element.max_length : undefined;
  const attributes = {
    id: controlId,
    'data-action-id': actionId,
    placeholder: plainText(obj(element, 'placeholder')) || undefined,
    maxlength: maxLength,
  };
  const field = multiline
    ? el('textarea', { ...attributes, rows: 4 })
    : el('input', { ...attributes, type: 'text' });
  field.value = str(element, 'initial_value') ?? '';
  const triggers = strings(obj(element, 'dispatch_action_config') ?? {}, 'trigger_actions_on');
  if (triggers.includes('on_character_entered')) field.addEventListener('input', changed);
  else
    field.addEventListener('keydown', (event) => {
      if (!(event instanceof KeyboardEvent) || event.key !== 'Enter' || multiline || !dispatches) return;
      // Enter sends the action instead of submitting the modal around it.
      event.preventDefault();
      changed();
    });
  return {
    node: field,
    read: () => [field.value],
    write: (picked) => {
      field.value = picked[0] ?? '';
    },
    extraOptions: () => [],
  };
}

interface Choice {
  value: string;
  label: string;
  group?: string;
}

function selectControl(spec: ControlSpec, choices: readonly Choice[], multiple: boolean): Control {
  const select = el('select', { id: spec.controlId, 'data-action-id': spec.actionId, multiple });
  if (!multiple)
    select.appendChild(el('option', { value: '' }, placeholderOf(spec.element, 'Select an item')));
  const groups = new Map<string, HTMLOptGroupElement>();
  for (const choice of choices) {
    const option = el('option', { value: choice.value }, choice.label);
    if (choice.group === undefined) select.appendChild(option);
    else {
      const group = groups.get(choice.group) ?? select.appendChild(el('optgroup', { label: choice.group }));
      groups.set(choice.group, group);
      group.appendChild(option);
    }
  }
  const write = (picked: readonly string[]) => {
    for (const option of select.options) option.selected = picked.includes(option.value);
  };
  write(initialPicked(spec.element));
  select.addEventListener('change', spec.changed);
  return {
    node: select,
    read: () => [...select.selectedOptions].map((o) => o.value).filter((v) => v !== ''),
    write,
    extraOptions: () => [],
  };
}

function staticChoices(element: Json): Choice[] {
  const plain = optionsOf({ options: element.options }).map((o) => ({
    value: o.value,
    label: plainText(o.text),
  }));
  const grouped = objects(element, 'option_groups').flatMap((g) => {
    const label = plainText(obj(g, 'label'));
    return optionsOf(g).map((o) => ({ value: o.value, label: plainText(o.text), group: label }));
  });
  return [...plain, ...grouped];
}

const userChoices = ({ surface }: ControlSpec): Choice[] =>
  surface.users.filter((u) => !u.isBot).map((u) => ({ value: u.id, label: `${u.realName} (@${u.name})` }));

/** Conversations the element's `filter.include` allows (all kinds when it has none). */
function conversationChoices({ element, surface }: ControlSpec, publicOnly = false): Choice[] {
  const include = publicOnly ? ['public'] : strings(obj(element, 'filter') ?? {}, 'include');
  const kind = (c: (typeof surface.channels)[number]) => (c.isDm ? 'im' : c.isPrivate ? 'private' : 'public');
  return surface.channels
    .filter((c) => include.length === 0 || include.includes(kind(c)))
    .map((c) => ({ value: c.id, label: c.isDm ? c.name : `${c.isPrivate ? '🔒 ' : '#'}${c.name}` }));
}

function pickerControl(spec: ControlSpec, type: 'time' | 'date'): Control {
  const input = el('input', { type, id: spec.controlId, 'data-action-id': spec.actionId });
  input.value = initialPicked(spec.element)[0] ?? '';
  input.addEventListener('change', spec.changed);
  return {
    node: input,
    read: () => (input.value ? [input.value] : []),
    write: (picked) => {
      input.value = picked[0] ?? '';
    },
    extraOptions: () => [],
  };
}

function choiceGroup(spec: ControlSpec, type: 'radio' | 'checkbox'): Control {
  const group = el('div', {
    class: 'choices',
    role: type === 'radio' ? 'radiogroup' : 'group',
    id: spec.controlId,
    'aria-labelledby': spec.labelId,
    'data-action-id': spec.actionId,
  });
  const boxes = optionsOf(spec.element).map((option) => {
    const box = el('input', { type, name: spec.controlId, value: option.value });
    const description = obj(option, 'description');
    group.appendChild(
      el(
        'label',
        { class: 'choice' },
        box,
        el('span', {}, textObjectToDom(option.text, spec.surface.mrkdwn)),
        description && el('small', {}, textObjectToDom(description, spec.surface.mrkdwn)),
      ),
    );
    box.addEventListener('change', spec.changed);
    return box;
  });
  const write = (picked: readonly string[]) => {
    for (const box of boxes) box.checked = picked.includes(box.value);
  };
  write(initialPicked(spec.element));
  return {
    node: group,
    read: () => boxes.filter((b) => b.checked).map((b) => b.value),
    write,
    extraOptions: () => [],
  };
}

/** Controls by element type; external selects live in external-select.ts. */
const CONTROLS: Readonly<Record<string, (spec: ControlSpec) => Control>> = {
  plain_text_input: textControl,
  static_select: (spec) => selectControl(spec, staticChoices(spec.element), false),
  multi_static_select: (spec) => selectControl(spec, staticChoices(spec.element), true),
  users_select: (spec) => selectControl(spec, userChoices(spec), false),
  multi_users_select: (spec) => selectControl(spec, userChoices(spec), true),
  conversations_select: (spec) => selectControl(spec, conversationChoices(spec), false),
  multi_conversations_select: (spec) => selectControl(spec, conversationChoices(spec), true),
  channels_select: (spec) => selectControl(spec, conversationChoices(spec, true), false),
  timepicker: (spec) => pickerControl(spec, 'time'),
  datepicker: (spec) => pickerControl(spec, 'date'),
  radio_buttons: (spec) => choiceGroup(spec, 'radio'),
  checkboxes: (spec) => choiceGroup(spec, 'checkbox'),
};

/** The control for an element type the app sent; undefined for one the page does not know (or `constructor`). */
export const controlFor = (type: string): ((spec: ControlSpec) => Control) | undefined => own(CONTROLS, type);
