import { describe, expect, it } from 'vitest';
import {
  buttonAction,
  clientErrors,
  collectStateValues,
  type FieldReading,
  initialPicked,
  optionsOf,
  toActionElement,
} from '../../src/sandbox/page/state-values.ts';

const pt = (text: string) => ({ type: 'plain_text', text });
const option = (text: string, value: string) => ({ text: pt(text), value });
const selected = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });
const reading = (
  element: Record<string, unknown>,
  picked: string[],
  over: Partial<FieldReading> = {},
): FieldReading => ({
  blockId: 'b',
  actionId: 'a',
  element,
  picked,
  ...over,
});

describe('sandbox page state values', () => {
  it('reports each element type as Slack does in view.state.values', () => {
    const severity = {
      type: 'static_select',
      options: [option('1 · Annoying', '1'), option('2 · Slow', '2')],
    };
    const values = collectStateValues([
      reading({ type: 'plain_text_input' }, ['Flaky backfill'], { blockId: 'title', actionId: 'title' }),
      reading({ type: 'plain_text_input' }, [''], { blockId: 'component', actionId: 'component' }),
      reading(severity, ['2'], { blockId: 'severity', actionId: 'severity' }),
      reading(severity, [], { blockId: 'frequency', actionId: 'frequency' }),
      reading({ type: 'users_select' }, ['U0DANA'], { blockId: 'owner', actionId: 'owner' }),
      reading({ type: 'multi_users_select' }, ['U0ANA', 'U0MEI'], {
        blockId: 'stewards',
        actionId: 'stewards',
      }),
      reading({ type: 'conversations_select' }, ['C0MLPLAT'], { blockId: 'channel', actionId: 'channel' }),
      reading({ type: 'timepicker' }, ['09:30'], { blockId: 'time', actionId: 'time' }),
      reading({ type: 'datepicker' }, [], { blockId: 'day', actionId: 'day' }),
      reading({ type: 'radio_buttons', options: [option('On', 'on'), option('Off', 'off')] }, ['off'], {
        blockId: 'digest',
        actionId: 'digest',
      }),
      reading({ type: 'checkboxes', options: [option('A', 'a'), option('B', 'b')] }, ['b', 'gone'], {
        blockId: 'boxes',
        actionId: 'boxes',
      }),
    ]);
    expect(values).toEqual({
      title: { title: { type: 'plain_text_input', value: 'Flaky backfill' } },
      component: { component: { type: 'plain_text_input', value: null } },
      severity: { severity: { type: 'static_select', selected_option: selected('2 · Slow', '2') } },
      frequency: { frequency: { type: 'static_select', selected_option: null } },
      owner: { owner: { type: 'users_select', selected_user: 'U0DANA' } },
      stewards: { stewards: { type: 'multi_users_select', selected_users: ['U0ANA', 'U0MEI'] } },
      channel: { channel: { type: 'conversations_select', selected_conversation: 'C0MLPLAT' } },
      time: { time: { type: 'timepicker', selected_time: '09:30' } },
      day: { day: { type: 'datepicker', selected_date: null } },
      digest: { digest: { type: 'radio_buttons', selected_option: selected('Off', 'off') } },
      boxes: { boxes: { type: 'checkboxes', selected_options: [selected('B', 'b')] } },
    });
  });

  it('finds an external select choice among the options loaded for it', () => {
    const element = { type: 'external_select', min_query_length: 1 };
    const loaded = [option('Europe/Berlin', 'Europe/Berlin')];
    expect(collectStateValues([reading(element, ['Europe/Berlin'], { extraOptions: loaded })])).toEqual({
      b: { a: { type: 'external_select', selected_option: selected('Europe/Berlin', 'Europe/Berlin') } },
    });
  });

  it('groups several actions of one block under its block_id', () => {
    const values = collectStateValues([
      reading({ type: 'timepicker' }, ['10:00'], { actionId: 'from' }),
      reading({ type: 'timepicker' }, ['11:00'], { actionId: 'to' }),
    ]);
    expect(Object.keys(values.b ?? {})).toEqual(['from', 'to']);
  });

  it('flattens option groups', () => {
    const element = {
      type: 'static_select',
      options: [option('Top', 't')],
      option_groups: [{ label: pt('G'), options: [option('In group', 'g')] }],
    };
    expect(optionsOf(element).map((o) => o.value)).toEqual(['t', 'g']);
  });

  it('starts controls from the initial_* fields', () => {
    expect(initialPicked({ type: 'plain_text_input', initial_value: 'x' })).toEqual(['x']);
    expect(initialPicked({ type: 'static_select', initial_option: option('Two', '2') })).toEqual(['2']);
    expect(initialPicked({ type: 'multi_users_select', initial_users: ['U1', 'U2'] })).toEqual(['U1', 'U2']);
    expect(initialPicked({ type: 'conversations_select', initial_conversation: 'C1' })).toEqual(['C1']);
    expect(initialPicked({ type: 'timepicker', initial_time: '09:00' })).toEqual(['09:00']);
    expect(initialPicked({ type: 'users_select' })).toEqual([]);
  });

  it('builds actions[0] without the empty fields', () => {
    const severity = { type: 'static_select', options: [option('Two', '2')] };
    expect(toActionElement(reading(severity, ['2']))).toEqual({
      type: 'static_select',
      action_id: 'a',
      block_id: 'b',
      selected_option: selected('Two', '2'),
    });
    expect(toActionElement(reading({ type: 'users_select' }, []))).toEqual({
      type: 'users_select',
      action_id: 'a',
      block_id: 'b',
    });
    expect(
      buttonAction(
        { type: 'button', text: { ...pt('It bit me'), emoji: true }, value: '12' },
        'card',
        'pain',
      ),
    ).toEqual({
      type: 'button',
      action_id: 'pain',
      block_id: 'card',
      text: { type: 'plain_text', text: 'It bit me', emoji: true },
      value: '12',
    });
  });

  it("keeps block and action ids named like Object.prototype's members as plain entries", () => {
    const text = { type: 'plain_text_input' };
    const values = collectStateValues([
      reading(text, ['a'], { blockId: '__proto__', actionId: 'constructor' }),
      reading(text, ['b'], { blockId: 'constructor', actionId: '__proto__' }),
    ]);
    // As JSON text: an object literal's `__proto__:` would set a prototype, not an entry.
    expect(JSON.stringify(values)).toBe(
      '{"__proto__":{"constructor":{"type":"plain_text_input","value":"a"}},' +
        '"constructor":{"__proto__":{"type":"plain_text_input","value":"b"}}}',
    );
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    const errors = clientErrors([reading(text, [], { blockId: '__proto__', optional: false })]);
    expect(Object.keys(errors)).toEqual(['__proto__']);
  });

  it('refuses, as the Slack client does, empty required inputs and text under min_length', () => {
    const errors = clientErrors([
      reading({ type: 'plain_text_input', min_length: 5 }, ['abc'], { blockId: 'title', optional: false }),
      reading({ type: 'static_select' }, [], { blockId: 'category', optional: false }),
      reading({ type: 'plain_text_input' }, ['  '], { blockId: 'required', optional: false }),
      reading({ type: 'plain_text_input' }, [''], { blockId: 'description', optional: true }),
      reading({ type: 'static_select' }, [], { blockId: 'in-actions-block' }),
    ]);
    expect(errors).toEqual({
      title: 'Please enter at least 5 characters.',
      category: 'Please fill out this field.',
      required: 'Please fill out this field.',
    });
  });
});
