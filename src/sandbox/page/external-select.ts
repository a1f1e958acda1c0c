// external_select: a search box whose options come from the app (block_suggestion) as the viewer types.
import type { Control, ControlSpec } from './controls.ts';
import { placeholderOf } from './controls.ts';
import { el, uniqueId } from './dom.ts';
import { isObject } from './json.ts';
import { plainText } from './mrkdwn-dom.ts';
import type { OptionObject } from './state-values.ts';

/** Slack waits this long after the last keystroke before asking the app. */
const DEBOUNCE_MS = 250;
/** Slack's default when the element sets no `min_query_length`. */
const DEFAULT_MIN_QUERY = 3;

export function externalSelect(spec: ControlSpec): Control {
  const { element } = spec;
  const minQuery =
    typeof element.min_query_length === 'number' ? element.min_query_length : DEFAULT_MIN_QUERY;
  const listId = uniqueId('options');
  const input = el('input', {
    type: 'text',
    id: spec.controlId,
    role: 'combobox',
    autocomplete: 'off',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    'data-action-id': spec.actionId,
    placeholder: placeholderOf(element, 'Type to search'),
  });
  const list = el('ul', { id: listId, role: 'listbox', class: 'options', hidden: true });
  let known: OptionObject[] = [];
  let selected: OptionObject | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let latestQuery = '';
  /** The options in the open list, first one picked by Enter. */
  let listed: readonly OptionObject[] = [];

  const show = (open: boolean) => {
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
  };
  const choose = (option: OptionObject | null) => {
    selected = option;
    input.value = option ? plainText(option.text) : '';
  };
  const pick = (option: OptionObject) => {
    choose(option);
    show(false);
    spec.changed();
  };
  const fill = (options: readonly OptionObject[], note?: string) => {
    listed = options;
    list.replaceChildren();
    if (note) list.appendChild(el('li', { class: 'options-note' }, note));
    for (const option of options) {
      const item = el(
        'li',
        { role: 'option', 'data-value': option.value, tabindex: -1 },
        plainText(option.text),
      );
      // mousedown, not click: it must win over the input's blur, which would close the list first.
      item.addEventListener('mousedown', (event) => {
        event.preventDefault();
        pick(option);
      });
      list.appendChild(item);
    }
    show(true);
  };
  const search = async (query: string) => {
    latestQuery = query;
    try {
      const options = await spec.surface.loadOptions(spec.blockId, spec.actionId, query);
      if (query !== latestQuery) return;
      known = [...known.filter((o) => o === selected), ...options];
      fill(options, options.length === 0 ? 'No options' : undefined);
    } catch (error) {
      if (query === latestQuery)
        fill([], `Could not load options: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const query = input.value;
    if (query.length < minQuery) {
      show(false);
      return;
    }
    timer = setTimeout(() => void search(query), DEBOUNCE_MS);
  });
  input.addEventListener('keydown', (event) => {
    if (list.hidden || (event.key !== 'Enter' && event.key !== 'Escape')) return;
    // Both belong to the open list, not to the modal around it (submit, close).
    event.preventDefault();
    event.stopPropagation();
    const first = listed[0];
    if (event.key === 'Enter' && first) pick(first);
    else show(false);
  });
  // Leaving the box without choosing keeps the previous choice, as Slack's select does.
  input.addEventListener('blur', () => {
    show(false);
    input.value = selected ? plainText(selected.text) : '';
  });

  const initial = element.initial_option;
  if (isObject(initial) && isObject(initial.text) && typeof initial.value === 'string') {
    const option: OptionObject = { ...initial, text: initial.text, value: initial.value };
    known = [option];
    choose(option);
  }
  return {
    node: el('div', { class: 'combobox' }, input, list),
    read: () => (selected ? [selected.value] : []),
    write: (picked, options = []) => {
      const option = [...options, ...known].find((o) => o.value === picked[0]);
      if (option && !known.includes(option)) known.push(option);
      choose(option ?? null);
    },
    extraOptions: () => known,
  };
}
