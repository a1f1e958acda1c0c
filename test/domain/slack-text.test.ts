// Text from Slack (SPEC §3.2): mrkdwn tokens and entities as a person reads them. Token shapes as Slack
// documents them: https://docs.slack.dev/messaging/formatting-message-text (mentions, channels, links,
// special mentions, user groups, date formatting, escaping).
import { describe, expect, it } from 'vitest';
import { mentionedUserIds, readableText, titleFromText } from '../../src/domain/slack-text.ts';

const NAMES = new Map([
  ['U0BOB', 'bob'],
  ['W0CAROL', 'Carol Chen'],
]);

describe('readableText: user mentions', () => {
  it('names a mentioned user by the name looked up', () => {
    expect(readableText('ask <@U0BOB> about it', NAMES)).toBe('ask @bob about it');
  });

  it('names an Enterprise Grid user (W… id) the same way', () => {
    expect(readableText('<@W0CAROL> owns the DAG', NAMES)).toBe('@Carol Chen owns the DAG');
  });

  it('prefers the looked-up name to the label stored with the message', () => {
    expect(readableText('<@U0BOB|robert>', NAMES)).toBe('@bob');
  });

  it('falls back to the label, then to the id, when the name is unknown', () => {
    expect(readableText('<@U0DAVE|dave> and <@U0ERIN>', NAMES)).toBe('@dave and @U0ERIN');
    expect(readableText('<@U0DAVE|@dave>')).toBe('@dave');
    expect(readableText('<@U0DAVE|>')).toBe('@U0DAVE');
  });

  it('does not decode names: they are plain text already', () => {
    expect(readableText('<@U1>', new Map([['U1', 'R&amp;D bot']]))).toBe('@R&amp;D bot');
  });
});

describe('mentionedUserIds', () => {
  it('lists each mentioned user once, in order of first mention, U… and W… ids', () => {
    expect(mentionedUserIds('<@U0BOB> <@W0CAROL|carol> <@U0BOB> <@U0BOB|bob>')).toEqual(['U0BOB', 'W0CAROL']);
  });

  it('ignores channels, groups, specials, links, bots and escaped text', () => {
    const text =
      '<#C0ML|ml> <!subteam^S0ML|@ml> <!here> <https://x.example/@U1> <@B0BOT> &lt;@U0ESC&gt; @U0PLAIN';
    expect(mentionedUserIds(text)).toEqual([]);
  });

  it('finds nothing in text without tokens', () => {
    expect(mentionedUserIds('')).toEqual([]);
    expect(mentionedUserIds('plain words, 3 < 4 > 2')).toEqual([]);
  });
});

describe('readableText: channels', () => {
  it('shows a channel by its label', () => {
    expect(readableText('see <#C0MLINFRA|ml-infra>')).toBe('see #ml-infra');
  });

  it('shows the id when Slack sent no label (or an empty one)', () => {
    expect(readableText('<#C0MLINFRA> and <#C0OTHER|>')).toBe('#C0MLINFRA and #C0OTHER');
  });
});

describe('readableText: links', () => {
  it('puts the URL after its label', () => {
    expect(readableText('<https://runbooks.example/backfill|the runbook>')).toBe(
      'the runbook (https://runbooks.example/backfill)',
    );
  });

  it('shows a bare URL as is', () => {
    expect(readableText('<https://x.example/a>')).toBe('https://x.example/a');
  });

  it('shows a mailto link as the address', () => {
    expect(readableText('mail <mailto:a@b.c|a@b.c> or <mailto:ops@b.c>')).toBe('mail a@b.c or ops@b.c');
  });

  it('shows an address Slack linked by itself as it was typed', () => {
    expect(readableText('<http://example.com|example.com>')).toBe('example.com');
    expect(readableText('<https://x.example|https://x.example>')).toBe('https://x.example');
  });

  it('decodes entities in the URL and the label', () => {
    expect(readableText('<https://x.example/?a=1&amp;b=2|R&amp;D &lt;wiki&gt;>')).toBe(
      'R&D <wiki> (https://x.example/?a=1&b=2)',
    );
  });

  it('keeps a `|` inside the label', () => {
    expect(readableText('<https://x.example|a | b>')).toBe('a | b (https://x.example)');
  });
});

describe('readableText: special mentions, user groups and dates', () => {
  it('turns @here, @channel and @everyone into words', () => {
    expect(readableText('<!here> <!channel> <!everyone>')).toBe('@here @channel @everyone');
    expect(readableText('<!here|here> <!channel|@channel>')).toBe('@here @channel');
  });

  it('names a user group by its label', () => {
    expect(readableText('<!subteam^S0MLTEAM|@ml-team> please look')).toBe('@ml-team please look');
    expect(readableText('<!subteam^S0MLTEAM|ml-team>')).toBe('@ml-team');
    expect(readableText('<!subteam^S0MLTEAM>')).toBe('@S0MLTEAM');
  });

  it('shows a date by its fallback text', () => {
    expect(readableText('since <!date^1392734382^{date_short}|Feb 18, 2014>')).toBe('since Feb 18, 2014');
    expect(
      readableText(
        '<!date^1392734382^Posted {date_num} {time_secs}^https://x.example|Posted 2014-02-18 6:39:42 AM PST>',
      ),
    ).toBe('Posted 2014-02-18 6:39:42 AM PST');
  });

  it('shows a date without fallback text as its day', () => {
    expect(readableText('<!date^1392734382^{date_short}>')).toBe('2014-02-18');
    expect(readableText('<!date^never^{date}>')).toBe('');
  });

  it('shows an unknown special command by its label, else as a mention of its name', () => {
    expect(readableText('<!foo>')).toBe('@foo');
    expect(readableText('<!foo^bar>')).toBe('@foo');
    expect(readableText('<!foo|Foo Bar>')).toBe('Foo Bar');
  });
});

describe('readableText: entities', () => {
  it('decodes &amp; &lt; &gt;', () => {
    expect(readableText('a &amp; b &lt;c&gt; d')).toBe('a & b <c> d');
  });

  it('decodes after parsing, so escaped markup stays literal text', () => {
    expect(readableText('type &lt;@U0BOB&gt; or &lt;!here&gt;', NAMES)).toBe('type <@U0BOB> or <!here>');
  });

  it('decodes in one pass: &amp;lt; reads &lt;', () => {
    expect(readableText('&amp;lt; &amp;amp;')).toBe('&lt; &amp;');
  });

  it('leaves other entities and a lone & alone', () => {
    expect(readableText('&quot;x&quot; &#39; R & D &amp')).toBe('&quot;x&quot; &#39; R & D &amp');
  });
});

describe('readableText: adjacent, nested and stray', () => {
  it('converts adjacent tokens', () => {
    expect(readableText('<@U0BOB><@W0CAROL>,<#C0ML|ml><!here>', NAMES)).toBe('@bob@Carol Chen,#ml@here');
  });

  it('reads a token inside stray angle brackets', () => {
    expect(readableText('<<@U0BOB>>', NAMES)).toBe('<@bob>');
  });

  it('reads escaped markup inside a label as text', () => {
    expect(readableText('<https://x.example|&lt;@U0BOB&gt;>', NAMES)).toBe('<@U0BOB> (https://x.example)');
  });

  it('keeps stray < and > that form no token', () => {
    expect(readableText('a < b and c > d')).toBe('a < b and c > d');
    expect(readableText('x <not a token> y <b> z')).toBe('x <not a token> y <b> z');
    expect(readableText('3 < 4 <@U0BOB>', NAMES)).toBe('3 < 4 @bob');
    expect(readableText('unclosed <@U0BOB and <https://x.example')).toBe(
      'unclosed <@U0BOB and <https://x.example',
    );
    expect(readableText('<> <|x>')).toBe('<> <|x>');
  });

  it('keeps newlines and emoji', () => {
    expect(readableText('first <@U0BOB> 😀\nsecond :tada:', NAMES)).toBe('first @bob 😀\nsecond :tada:');
  });

  it('returns plain text unchanged', () => {
    expect(readableText('')).toBe('');
    expect(readableText('The nightly backfill failed again')).toBe('The nightly backfill failed again');
  });
});

describe('titleFromText', () => {
  it('takes the first non-empty line with its spaces collapsed', () => {
    expect(titleFromText('\n  \n  The   nightly\tbackfill  \nfailed again', 150)).toBe(
      'The nightly backfill',
    );
  });

  it('cuts to the limit', () => {
    expect(titleFromText('x'.repeat(200), 150)).toBe('x'.repeat(150));
  });

  it('never keeps half of an emoji at the cut', () => {
    const title = titleFromText(`${'a'.repeat(149)}😀 and more`, 150);
    expect(title).toBe('a'.repeat(149));
    expect(titleFromText(`${'a'.repeat(148)}😀 and more`, 150)).toBe(`${'a'.repeat(148)}😀`);
  });

  it('titles readable text, not markup', () => {
    const text = readableText('<@U0BOB> says <!here>: &lt;eval&gt; set leaks\nmore', NAMES);
    expect(titleFromText(text, 150)).toBe('@bob says @here: <eval> set leaks');
  });

  it('is empty for blank text', () => {
    expect(titleFromText(' \n\t\n', 150)).toBe('');
  });
});
