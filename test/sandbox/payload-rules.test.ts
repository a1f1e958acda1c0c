import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS as L } from '../../blocks/limits.ts';
import { checkEscaped, checkMessage, checkView } from '../../src/sandbox/fake-slack/payload-rules.ts';

const x = (n: number) => 'x'.repeat(n);
const pt = (text: string) => ({ type: 'plain_text', text });
const md = (text: string) => ({ type: 'mrkdwn', text });
const button = (over: Record<string, unknown> = {}) => ({
  type: 'button',
  action_id: 'a',
  text: pt('Go'),
  ...over,
});
const option = (text: string, value: string) => ({ text: pt(text), value });
const msg = (...blocks: unknown[]) => ({ text: 'fallback', blocks });
const modal = (over: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: pt('Title'),
  blocks: [],
  ...over,
});

/** Each case breaks exactly one rule, so it must produce exactly one issue matching `expected`. */
const messageCases: [string, unknown, RegExp][] = [
  [
    'blocks per message',
    msg(...Array.from({ length: L.blocksPerMessage + 1 }, () => ({ type: 'divider' }))),
    /blocks: 51 items > 50/,
  ],
  [
    'total block text',
    msg(...Array.from({ length: 4 }, () => ({ type: 'section', text: md(x(2500)) }))),
    /10000/,
  ],
  ['fallback text', { blocks: [{ type: 'section', text: md('hi') }] }, /fallback/],
  ['section text', msg({ type: 'section', text: md(x(L.sectionText + 1)) }), /\.text: 3001 chars > 3000/],
  [
    'fields count',
    msg({ type: 'section', fields: Array.from({ length: 11 }, () => md('f')) }),
    /fields: 11 items > 10/,
  ],
  ['field length', msg({ type: 'section', fields: [md(x(L.fieldText + 1))] }), /fields\[0\]: 2001 chars/],
  ['header', msg({ type: 'header', text: pt(x(L.headerText + 1)) }), /151 chars > 150/],
  [
    'button text',
    msg({ type: 'actions', elements: [button({ text: pt(x(76)) })] }),
    /elements\[0\]\.text: 76/,
  ],
  [
    'button value',
    msg({ type: 'actions', elements: [button({ value: x(2001) })] }),
    /\.value: 2001 chars > 2000/,
  ],
  [
    'option text',
    msg({
      type: 'actions',
      elements: [{ type: 'static_select', action_id: 's', options: [option(x(76), 'v')] }],
    }),
    /options\[0\]\.text: 76 chars > 75/,
  ],
  [
    'option value',
    msg({
      type: 'actions',
      elements: [{ type: 'static_select', action_id: 's', options: [option('o', x(76))] }],
    }),
    /options\[0\]\.value: 76 chars > 75/,
  ],
  [
    'static select options',
    msg({
      type: 'actions',
      elements: [
        {
          type: 'static_select',
          action_id: 's',
          options: Array.from({ length: 101 }, (_, i) => option(`o${i}`, `${i}`)),
        },
      ],
    }),
    /101 options > 100/,
  ],
  [
    'actions elements',
    msg({ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }),
    /elements: 26 items > 25/,
  ],
  [
    'context elements',
    msg({ type: 'context', elements: Array.from({ length: 11 }, () => md('c')) }),
    /11 items > 10/,
  ],
  ...(
    [
      ['title', L.confirmTitle],
      ['text', L.confirmText],
      ['confirm', L.confirmButton],
      ['deny', L.confirmButton],
    ] as const
  ).map(([key, limit]): [string, unknown, RegExp] => {
    const confirm: Record<string, unknown> = {
      title: pt('T'),
      text: pt('Sure?'),
      confirm: pt('Yes'),
      deny: pt('No'),
    };
    confirm[key] = pt(x(limit + 1));
    return [
      `confirm ${key}`,
      msg({ type: 'actions', elements: [button({ confirm })] }),
      new RegExp(`confirm\\.${key}: ${limit + 1}`),
    ];
  }),
  [
    'action_id',
    msg({ type: 'actions', elements: [button({ action_id: x(256) })] }),
    /action_id: 256 chars > 255/,
  ],
  ['block_id', msg({ type: 'divider', block_id: x(256) }), /block_id: 256 chars > 255/],
  ['empty plain_text', msg({ type: 'header', text: pt('  ') }), /empty plain_text/],
  [
    'duplicate block_id',
    msg({ type: 'divider', block_id: 'b' }, { type: 'divider', block_id: 'b' }),
    /duplicate "b"/,
  ],
  [
    'duplicate action_id',
    msg({ type: 'actions', elements: [button({ action_id: 'vote' }), button({ action_id: 'vote' })] }),
    /duplicate "vote" in one block/,
  ],
];

describe('checkMessage', () => {
  it.each(messageCases)('catches %s', (_rule, payload, expected) => {
    const issues = checkMessage(payload);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(expected);
  });

  it('passes a message at every limit', () => {
    const blocks = [
      { type: 'header', text: pt(x(L.headerText)) },
      { type: 'section', text: md(x(L.sectionText)), fields: Array.from({ length: 10 }, () => md(x(500))) },
      {
        type: 'actions',
        block_id: 'b1',
        elements: [button({ action_id: x(255), text: pt(x(75)), value: x(2000) })],
      },
      { type: 'actions', block_id: 'b2', elements: [button({ action_id: 'a' })] },
      ...Array.from({ length: 46 }, () => ({ type: 'divider' })),
    ];
    expect(checkMessage({ text: 'fallback', blocks })).toEqual([]);
  });
});

describe('checkView', () => {
  it.each([
    [
      'blocks per view',
      modal({ blocks: Array.from({ length: 101 }, () => ({ type: 'divider' })) }),
      /101 items > 100/,
    ],
    ['title', modal({ title: pt(x(25)) }), /view\.title: 25 chars > 24/],
    ['submit', modal({ submit: pt(x(25)) }), /view\.submit: 25/],
    ['close', modal({ close: pt(x(25)) }), /view\.close: 25/],
    ['private_metadata', modal({ private_metadata: x(3001) }), /private_metadata: 3001/],
    ['callback_id', modal({ callback_id: x(256) }), /callback_id: 256/],
    [
      'block rules inside views',
      modal({ blocks: [{ type: 'header', text: pt(x(151)) }] }),
      /view\.blocks\[0\]\.text/,
    ],
  ] as const)('catches %s', (_rule, view, expected) => {
    const issues = checkView(view);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(expected);
  });

  it('passes a modal at every limit, JSON string or object', () => {
    const view = modal({ title: pt(x(24)), submit: pt(x(24)), close: pt(x(24)), private_metadata: x(3000) });
    expect(checkView(view)).toEqual([]);
    expect(checkView(JSON.stringify(view))).toEqual([]);
  });
});

describe('checkEscaped', () => {
  const input = '<!channel> <@U123> <http://x|y> & co';
  const escaped = input.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

  it('flags raw user text and special mentions anywhere rendered', () => {
    const issues = checkEscaped(msg({ type: 'context', elements: [md(`by ${input}`)] }), [input]);
    expect(issues).toEqual([
      expect.stringMatching(/special mention/),
      expect.stringMatching(/unescaped user text/),
    ]);
  });

  it('passes escaped text, and raw text where it is never rendered', () => {
    const prefilled = { type: 'input', element: { type: 'plain_text_input', initial_value: input } };
    expect(
      checkEscaped({ text: escaped, blocks: [{ type: 'section', text: md(escaped) }, prefilled] }, [input]),
    ).toEqual([]);
  });

  it('ignores tainted strings that hold nothing to escape', () => {
    expect(checkEscaped({ text: 'plain title' }, ['plain title'])).toEqual([]);
  });
});
