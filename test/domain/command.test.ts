import { describe, expect, it } from 'vitest';
import { parseCommand, parseUserMention } from '../../src/domain/command.ts';
import { parseItemId } from '../../src/domain/item.ts';

describe('parseCommand', () => {
  it.each([
    ['', { kind: 'file', title: '' }],
    ['   ', { kind: 'file', title: '' }],
    ['Feature store backfill is manual', { kind: 'file', title: 'Feature store backfill is manual' }],
    ['help', { kind: 'help' }],
    ['HELP', { kind: 'help' }],
    ['top', { kind: 'top' }],
    ['show DEBT-42', { kind: 'show', id: 42 }],
    ['show debt-7', { kind: 'show', id: 7 }],
    ['show 7', { kind: 'show', id: 7 }],
    ['edit #12', { kind: 'edit', id: 12 }],
    ['assign DEBT-3 <@U123ABC|alice>', { kind: 'assign', id: 3, userId: 'U123ABC' }],
    ['assign 3 <@W9ZZ>', { kind: 'assign', id: 3, userId: 'W9ZZ' }],
    ['resolve DEBT-1 fixed in PR 12', { kind: 'status', action: 'resolve', id: 1, note: 'fixed in PR 12' }],
    [
      'wontfix 4 duplicate of DEBT-2',
      { kind: 'status', action: 'wontfix', id: 4, note: 'duplicate of DEBT-2' },
    ],
    ['start 5', { kind: 'status', action: 'start', id: 5, note: '' }],
    ['reopen 5', { kind: 'status', action: 'reopen', id: 5, note: '' }],
    ['digest', { kind: 'digest', post: false }],
    ['digest POST', { kind: 'digest', post: true }],
    ['config', { kind: 'config' }],
    ['stats', { kind: 'stats', all: false }],
    ['stats ALL', { kind: 'stats', all: true }],
    ['export', { kind: 'export', all: false }],
    ['export all', { kind: 'export', all: true }],
    ['stats weekly', { kind: 'usage', subcommand: 'stats', problem: '`weekly` is not expected.' }],
    ['export all csv', { kind: 'usage', subcommand: 'export', problem: '`all csv` is not expected.' }],
    ['hit DEBT-4', { kind: 'hit', id: 4, hours: null }],
    ['hit 4 2.5', { kind: 'hit', id: 4, hours: 2.5 }],
    ['hit 4 3h', { kind: 'hit', id: 4, hours: 3 }],
    ['hit 4 168', { kind: 'hit', id: 4, hours: 168 }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it('reads list filters in any order', () => {
    expect(parseCommand('list all mine data resolved')).toEqual({
      kind: 'list',
      filters: { category: 'data', status: 'resolved', mine: true, all: true },
    });
    expect(parseCommand('list')).toEqual({
      kind: 'list',
      filters: { category: null, status: null, mine: false, all: false },
    });
    expect(parseCommand('list closed')).toMatchObject({ filters: { status: 'closed' } });
    expect(parseCommand('list in-progress')).toMatchObject({ filters: { status: 'in_progress' } });
  });

  it.each([
    ['show banana', 'show', '`banana` is not an item id.'],
    ['show', 'show', 'An item id is missing.'],
    ['show 4 5', 'show', '`5` is not expected.'],
    ['assign 4', 'assign', 'Whom to assign is missing.'],
    ['assign 4 bob', 'assign', '`bob` is not a @mention of one person.'],
    ['assign 4 <@U1> <@U2>', 'assign', '`<@U1> <@U2>` is not a @mention of one person.'],
    ['resolve DEBT-x', 'resolve', '`DEBT-x` is not an item id.'],
    ['list nonsense', 'list', 'I did not understand `nonsense`.'],
    ['list data model', 'list', 'I did not understand `model`.'],
    ['top 10', 'top', '`10` is not expected.'],
    ['hit 4 0', 'hit', '`0` is not a number of hours above 0 and at most 168.'],
    ['hit 4 169', 'hit', '`169` is not a number of hours above 0 and at most 168.'],
    ['hit 4 lots', 'hit', '`lots` is not a number of hours above 0 and at most 168.'],
    ['hit', 'hit', 'An item id is missing.'],
    ['digest now', 'digest', '`now` is not expected.'],
    ['digest post twice', 'digest', '`post twice` is not expected.'],
    ['config everything', 'config', '`everything` is not expected.'],
  ])('%j answers with the usage of %s naming the bad token', (text, subcommand, problem) => {
    expect(parseCommand(text)).toEqual({ kind: 'usage', subcommand, problem });
  });

  it('survives garbage, unicode and 4,000 characters', () => {
    const long = 'x'.repeat(4000);
    expect(parseCommand(long)).toEqual({ kind: 'file', title: long });
    expect(parseCommand('show 🙈'.repeat(10))).toMatchObject({ kind: 'usage', subcommand: 'show' });
    expect(parseCommand('show 🙈🙈')).toEqual({
      kind: 'usage',
      subcommand: 'show',
      problem: '`🙈🙈` is not an item id.',
    });
    expect(parseCommand('\u0000\u202e<!channel> résumé')).toMatchObject({ kind: 'file' });
    const badToken = `show ${'9'.repeat(60)}`;
    const parsed = parseCommand(badToken);
    expect(parsed.kind).toBe('usage');
    if (parsed.kind === 'usage') expect(parsed.problem.length).toBeLessThan(80);
  });

  it('collapses whitespace and newlines', () => {
    expect(parseCommand('  show\n\tDEBT-9  ')).toEqual({ kind: 'show', id: 9 });
  });
});

describe('ids and mentions', () => {
  it.each([
    ['DEBT-42', 42],
    ['debt42', 42],
    ['#42', 42],
    ['42', 42],
    ['0', null],
    ['-1', null],
    ['DEBT-', null],
    ['1e3', null],
    ['9999999999', null],
  ])('parseItemId(%j) = %j', (token, id) => {
    expect(parseItemId(token)).toBe(id);
  });

  it('parses escaped mentions only', () => {
    expect(parseUserMention('<@U1AB|bob>')).toBe('U1AB');
    expect(parseUserMention('<@U1AB>')).toBe('U1AB');
    expect(parseUserMention('@bob')).toBeNull();
    expect(parseUserMention('<#C123|general>')).toBeNull();
    expect(parseUserMention('<!here>')).toBeNull();
  });
});

describe('status notes', () => {
  it('refuses a note over 500 characters, naming the length', () => {
    expect(parseCommand(`resolve 4 ${'x'.repeat(501)}`)).toEqual({
      kind: 'usage',
      subcommand: 'resolve',
      problem: 'The note is 501 characters; at most 500, please.',
    });
    expect(parseCommand(`resolve 4 ${'x'.repeat(500)}`)).toMatchObject({
      kind: 'status',
      note: 'x'.repeat(500),
    });
  });
});
