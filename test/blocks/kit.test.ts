// The Block Kit kit (blocks/kit.ts): the one escape of SPEC §2.7 and the §4 limits its constructors enforce.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actions,
  button,
  context,
  escapeAndTruncate,
  escapeMrkdwn,
  fields,
  header,
  link,
  message,
  mrkdwn,
  option,
  plain,
  section,
  truncate,
} from '../../blocks/kit.ts';
import { SLACK_LIMITS } from '../../blocks/limits.ts';
import { checkEscaped, checkMessage } from '../../src/sandbox/fake-slack/payload-rules.ts';
import { dense, EVIL_ATOMS, evil } from './fixtures.ts';

const RUNS = { seed: 7, numRuns: 400 } as const;
const EVIL = '<!channel> <!here> <@U123> <http://evil|click> & co';

/** True when the string holds half a surrogate pair (what a bad cut leaves behind). */
function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);
}

/** Every `&` starts a whole entity Slack decodes. */
const wholeEntities = (s: string): boolean => /^(?:[^&]|&amp;|&lt;|&gt;)*$/.test(s);

/** Text rich in the three escaped characters, emoji and a few plain letters. */
const hostile = fc.string({
  unit: fc.constantFrom('<', '>', '&', '🙈', '👩‍👩‍👧', 'a', ' ', '|', '!', '@', 'é'),
  maxLength: 300,
});

describe('escapeMrkdwn', () => {
  it('makes mentions, special mentions and forged links inert', () => {
    const out = escapeMrkdwn(EVIL);
    expect(out).not.toMatch(/[<>]/);
    expect(out).toBe('&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;http://evil|click&gt; &amp; co');
    expect(checkEscaped({ text: out }, [EVIL, ...EVIL_ATOMS])).toEqual([]);
  });

  it('escapes & exactly once, and first, so entities are never double-escaped nor forged', () => {
    const out = escapeMrkdwn(EVIL);
    expect(out.match(/&amp;/g)).toHaveLength(1);
    expect(out).not.toContain('&amp;amp;');
    expect(out).not.toContain('&amp;lt;');
    // Already entity-looking input is shown as typed, not decoded by Slack into a real `<`.
    expect(escapeMrkdwn('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });

  it('leaves text without the three characters alone', () => {
    expect(escapeMrkdwn('feature-store *backfill* 🙈 "quoted" ¦')).toBe(
      'feature-store *backfill* 🙈 "quoted" ¦',
    );
  });

  it('always yields whole entities and no angle brackets', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeMrkdwn(s);
        expect(out).not.toMatch(/[<>]/);
        expect(wholeEntities(out)).toBe(true);
        expect(out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(s);
      }),
      RUNS,
    );
  });
});

describe('truncate', () => {
  it('returns short text unchanged', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('', 5)).toBe('');
  });

  it('adds an ellipsis and stays within max', () => {
    const out = truncate('abcdefghij', 5);
    expect(out).toBe('abcd…');
    expect(out).toHaveLength(5);
  });

  it('never splits a surrogate pair when an emoji sits at the cut', () => {
    // 'aaaa🙈b': the emoji occupies units 4–5; a cut to 6 would keep its high half at unit 4.
    for (const max of [4, 5, 6, 7]) {
      const out = truncate('aaaa🙈bbbb', max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.endsWith('…')).toBe(true);
      expect(hasLoneSurrogate(out)).toBe(false);
    }
    expect(truncate('aaaa🙈bbbb', 6)).toBe('aaaa…');
    expect(truncate('aaaa🙈bbbb', 7)).toBe('aaaa🙈…');
  });

  it('for any text and max ≥ 1: within max, a prefix plus …, no half pair', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.integer({ min: 1, max: 220 }),
        (s, max) => {
          const out = truncate(s, max);
          expect(out.length).toBeLessThanOrEqual(max);
          expect(hasLoneSurrogate(out)).toBe(false);
          if (s.length <= max) expect(out).toBe(s);
          else {
            expect(out.endsWith('…')).toBe(true);
            expect(s.startsWith(out.slice(0, -1))).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });
});

describe('escapeAndTruncate', () => {
  it('never leaves half an entity at the cut', () => {
    // '&' escapes to 5 units: every max from 1 to 12 lands somewhere inside or between entities.
    for (let max = 1; max <= 16; max++) {
      const out = escapeAndTruncate('&&&&&&', max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/&[a-z]{0,3}…$/);
      expect(wholeEntities(out)).toBe(true);
    }
    expect(escapeAndTruncate('a&b', 5)).toBe('a…');
    expect(escapeAndTruncate('a&b', 6)).toBe('a…');
    expect(escapeAndTruncate('a&bc', 7)).toBe('a&amp;…');
    expect(escapeAndTruncate('<<', 5)).toBe('&lt;…');
  });

  it('returns the whole escaped text when it fits', () => {
    expect(escapeAndTruncate('<&>', 13)).toBe('&lt;&amp;&gt;');
  });

  it('for any hostile text and max ≥ 1: within max, whole entities, no brackets, no half pair', () => {
    fc.assert(
      fc.property(hostile, fc.integer({ min: 1, max: 400 }), (s, max) => {
        const out = escapeAndTruncate(s, max);
        const escaped = escapeMrkdwn(s);
        expect(out.length).toBeLessThanOrEqual(max);
        expect(out).not.toMatch(/[<>]/);
        expect(wholeEntities(out)).toBe(true);
        expect(hasLoneSurrogate(out)).toBe(false);
        if (escaped.length <= max) expect(out).toBe(escaped);
        else {
          expect(out.endsWith('…')).toBe(true);
          expect(escaped.startsWith(out.slice(0, -1))).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('handles the maximal fixtures', () => {
    for (const text of [evil(3000), dense(3000)]) {
      const out = escapeAndTruncate(text, 150);
      expect(out.length).toBeLessThanOrEqual(150);
      expect(checkEscaped({ text: out }, EVIL_ATOMS)).toEqual([]);
    }
  });
});

describe('link', () => {
  /** One Slack link token: `<url|label>` with no delimiter inside either part. */
  const ONE_LINK = /^<[^<>|\s]+\|[^<>|]*>$/;

  it('cannot be broken out of by a label holding | or >', () => {
    const out = link('https://example.com/a', 'x|<!channel>> <@U123> | <http://evil|click>');
    expect(out).toMatch(ONE_LINK);
    expect(out.startsWith('<https://example.com/a|')).toBe(true);
    expect(checkEscaped({ text: out }, EVIL_ATOMS)).toEqual([]);
  });

  it('cannot be broken out of by a url holding | < or >', () => {
    const out = link('https://example.com/a|b><!channel>', 'label');
    expect(out).toMatch(ONE_LINK);
    expect(out).toBe('<https://example.com/a%7Cb%3E%3C!channel%3E|label>');
    expect(checkEscaped({ text: out }, EVIL_ATOMS)).toEqual([]);
  });

  it('is one link for any label and url', () => {
    fc.assert(
      fc.property(hostile, hostile, (path, label) => {
        const out = link(`https://example.com/${path.replace(/\s/g, '')}`, label);
        expect(out).toMatch(ONE_LINK);
        expect(out).not.toContain('<!');
      }),
      RUNS,
    );
  });
});

describe('message', () => {
  const blocks = (n: number) => Array.from({ length: n }, (_, i) => section(`block ${i}`));

  it('keeps up to 50 blocks as they are', () => {
    expect(message('t', blocks(50)).blocks).toHaveLength(50);
    expect(message('t', blocks(50)).blocks[49]).toEqual(section('block 49'));
  });

  it('caps at 50 blocks, the last one a note saying how many were left out', () => {
    const out = message('t', blocks(120));
    expect(out.blocks).toHaveLength(SLACK_LIMITS.blocksPerMessage);
    expect(out.blocks[48]).toEqual(section('block 48'));
    const note = out.blocks[49];
    expect(note?.type).toBe('context');
    expect(JSON.stringify(note)).toContain('71 more blocks not shown');
    expect(checkMessage(out)).toEqual([]);
  });

  it('cuts over-long fallback text', () => {
    const out = message('x'.repeat(50_000), blocks(1));
    expect(out.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
  });
});

describe('option', () => {
  it('accepts a value of 75 chars and throws above', () => {
    expect(option('label', 'v'.repeat(75)).value).toHaveLength(75);
    expect(() => option('label', 'v'.repeat(76))).toThrow(/option value over 75/);
  });

  it('cuts text and description to 75', () => {
    const out = option(dense(500), 'v', dense(500));
    expect(out.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
    expect(out.description?.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
    expect(hasLoneSurrogate(out.text.text)).toBe(false);
  });

  it('omits an empty description', () => {
    expect(option('label', 'v')).not.toHaveProperty('description');
  });
});

describe('mrkdwn', () => {
  it('cuts escaped text between entities, never through one', () => {
    for (let offset = 0; offset < 15; offset++) {
      const out = mrkdwn(`${'x'.repeat(offset)}${escapeMrkdwn(dense(2000))}`, 1000).text;
      expect(out.length).toBeLessThanOrEqual(1000);
      expect(wholeEntities(out), `offset ${offset}`).toBe(true);
      expect(hasLoneSurrogate(out)).toBe(false);
    }
  });
});

describe('constructors keep within §4 limits', () => {
  const long = dense(20_000);

  it('text objects, header, section, fields, context', () => {
    // ≤ rather than =: a cut in front of an emoji gives up one more unit rather than split it.
    expect(plain(long).text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(mrkdwn(long).text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    const msg = message('fallback', [
      header(long),
      section(long),
      fields(Array.from({ length: 14 }, () => long)),
      context(Array.from({ length: 14 }, () => long.slice(0, 500))),
    ]);
    expect(msg.blocks[2]?.fields).toHaveLength(SLACK_LIMITS.fieldsPerSection);
    expect(msg.blocks[3]?.elements).toHaveLength(SLACK_LIMITS.contextElements);
    // Only the 10,000-char total can fail here: it is the caller's budget, not one constructor's.
    expect(checkMessage(msg).filter((p) => !p.includes('must stay <'))).toEqual([]);
  });

  it('buttons and their confirm dialogs', () => {
    const b = button('a', long, {
      value: long,
      confirm: { title: long, text: long, confirm: long, deny: long },
    });
    const msg = message('fallback', [
      actions(
        'blk',
        Array.from({ length: 30 }, (_, i) => ({ ...b, action_id: `a${i}` })),
      ),
    ]);
    expect(msg.blocks[0]?.elements).toHaveLength(SLACK_LIMITS.actionsElements);
    expect(checkMessage(msg).filter((p) => !p.includes('must stay <'))).toEqual([]);
  });

  it('omits a button value that was not given, keeps an empty one', () => {
    expect(button('a', 'A')).not.toHaveProperty('value');
    expect(button('a', 'A', { value: '' })).toHaveProperty('value', '');
  });
});
