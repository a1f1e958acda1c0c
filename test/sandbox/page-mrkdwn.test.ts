import { describe, expect, it } from 'vitest';
import { replaceEmoji } from '../../src/sandbox/page/emoji.ts';
import {
  decodeEntities,
  type MrkdwnContext,
  type MrkdwnNode,
  parseMrkdwn,
  plainTextOf,
} from '../../src/sandbox/page/mrkdwn.ts';

const ctx: MrkdwnContext = {
  users: new Map([['U0DANA', 'dana']]),
  channels: new Map([['C0MLPLAT', 'ml-platform']]),
  now: new Date('2026-03-10T12:00:00Z'),
  timeZone: 'UTC',
};
const parse = (text: string) => parseMrkdwn(text, ctx);
const text = (t: string): MrkdwnNode => ({ kind: 'text', text: t });

/** Every node kind in the tree, so a test can say "no link anywhere". */
function kinds(nodes: readonly MrkdwnNode[]): string[] {
  return nodes.flatMap((n) => [n.kind, ...('children' in n ? kinds(n.children) : [])]);
}

describe('sandbox page mrkdwn', () => {
  it('styles bold, italic, strike and inline code', () => {
    expect(parse('*DEBT-4* _soon_ ~old~ `npm ci`')).toEqual([
      { kind: 'bold', children: [text('DEBT-4')] },
      text(' '),
      { kind: 'italic', children: [text('soon')] },
      text(' '),
      { kind: 'strike', children: [text('old')] },
      text(' '),
      { kind: 'code', children: [text('npm ci')] },
    ]);
  });

  it('nests styles and keeps line breaks', () => {
    expect(parse('*bold _and italic_*\nnext')).toEqual([
      { kind: 'bold', children: [text('bold '), { kind: 'italic', children: [text('and italic')] }] },
      { kind: 'break' },
      text('next'),
    ]);
  });

  it('styles only at word edges, as Slack does', () => {
    expect(parse('feature_store_v2 and 2*3*4 and * not bold *')).toEqual([
      text('feature_store_v2 and 2*3*4 and * not bold *'),
    ]);
    expect(kinds(parse('*a\nb*'))).not.toContain('bold');
  });

  it('keeps code literal: no styles or emoji inside', () => {
    expect(parse('`*x* :tada:`')).toEqual([{ kind: 'code', children: [text('*x* :tada:')] }]);
    expect(parse('```\nline *1*\nline 2```\nafter')).toEqual([
      { kind: 'pre', children: [text('line *1*'), { kind: 'break' }, text('line 2')] },
      text('after'),
    ]);
  });

  it('groups quoted lines, raw or escaped, and >>> quotes the rest', () => {
    expect(parse('before\n> one\n&gt; two\nafter')).toEqual([
      text('before'),
      { kind: 'quote', children: [text('one'), { kind: 'break' }, text('two')] },
      text('after'),
    ]);
    expect(parse('>>> a\nb')).toEqual([
      { kind: 'quote', children: [text('a'), { kind: 'break' }, text('b')] },
    ]);
  });

  it('turns safe links into links and anything else into text', () => {
    expect(parse('<https://example.com/a?b=1&amp;c=2|the *docs*>')).toEqual([
      { kind: 'link', href: 'https://example.com/a?b=1&c=2', children: [text('the *docs*')] },
    ]);
    expect(parse('<https://example.com>')).toEqual([
      { kind: 'link', href: 'https://example.com', children: [text('https://example.com')] },
    ]);
    expect(parse('<javascript:alert(1)|click me>')).toEqual([text('click me')]);
  });

  it('shows mentions and channels by name', () => {
    expect(parse('<@U0DANA> <@U0GONE|old> <@U0NONE> <#C0MLPLAT> <#C0PRIV|secret>')).toEqual([
      { kind: 'mention', mention: 'user', id: 'U0DANA', text: '@dana' },
      text(' '),
      { kind: 'mention', mention: 'user', id: 'U0GONE', text: '@old' },
      text(' '),
      { kind: 'mention', mention: 'user', id: 'U0NONE', text: '@U0NONE' },
      text(' '),
      { kind: 'mention', mention: 'channel', id: 'C0MLPLAT', text: '#ml-platform' },
      text(' '),
      { kind: 'mention', mention: 'channel', id: 'C0PRIV', text: '#secret' },
    ]);
  });

  it('shows broadcasts and user groups', () => {
    expect(plainTextOf(parse('<!here> <!channel> <!everyone> <!subteam^S1|@ml-oncall> <!subteam^S2>'))).toBe(
      '@here @channel @everyone @ml-oncall @S2',
    );
  });

  it('renders <!date> in the viewer zone, its link, or its fallback', () => {
    const at = Date.UTC(2026, 2, 9, 15, 4) / 1000;
    expect(parse(`<!date^${at}^{date_short_pretty} {time}|Mar 9>`)).toEqual([text('yesterday 3:04 PM')]);
    expect(parse(`<!date^${at}^{date_num}^https://x.test/a|Mar 9>`)).toEqual([
      { kind: 'link', href: 'https://x.test/a', children: [text('2026-03-09')] },
    ]);
    expect(parse('<!date^soon^{date}|some day &amp; time>')).toEqual([text('some day & time')]);
    expect(parse(`<!date^${at}^{nothing_known}|fallback>`)).toEqual([text('fallback')]);
  });

  it('decodes entities exactly once', () => {
    expect(decodeEntities('&amp;lt;b&amp;gt; &lt;i&gt; &amp;amp;')).toBe('&lt;b&gt; <i> &amp;');
    expect(parse('&lt;script&gt;alert(1)&lt;/script&gt;')).toEqual([text('<script>alert(1)</script>')]);
  });

  it('leaves text the app escaped inert: no mention, broadcast or link', () => {
    const escaped = '&lt;!channel&gt; &lt;@U0DANA&gt; &lt;http://x|y&gt; &amp; co';
    expect(parse(escaped)).toEqual([text('<!channel> <@U0DANA> <http://x|y> & co')]);
  });

  it('maps known emoji shortcodes and leaves unknown ones', () => {
    expect(parse(':white_check_mark: *Paid down* :not_an_emoji:')).toEqual([
      text('✅ '),
      { kind: 'bold', children: [text('Paid down')] },
      text(' :not_an_emoji:'),
    ]);
  });

  it("leaves Object.prototype's names as typed, not as emoji", () => {
    expect(replaceEmoji(':constructor: :__proto__: :tada:')).toBe(':constructor: :__proto__: 🎉');
    expect(parse(':constructor: :tada:')).toEqual([text(':constructor: 🎉')]);
  });

  it('reads back as plain text', () => {
    expect(plainTextOf(parse('*DEBT-1* · <@U0DANA>\n> quoted'))).toBe('DEBT-1 · @dana\nquoted');
  });
});
