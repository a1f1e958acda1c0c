// The shared wording of blocks/format.ts and the modal inputs of blocks/inputs.ts.
import { describe, expect, it } from 'vitest';
import { levelText, scaleLabel, tallies, tallyText } from '../../blocks/format.ts';
import { input, select } from '../../blocks/inputs.ts';
import { option } from '../../blocks/kit.ts';
import { makeVotes } from './fixtures.ts';

describe('level labels (§1.3)', () => {
  it('numbers severity and frequency; effort is size then hours', () => {
    expect(levelText('severity', 3)).toBe('3 · Moderate');
    expect(levelText('frequency', 4)).toBe('4 · Daily');
    expect(levelText('effort', 2)).toBe('S (8 h)');
    expect(scaleLabel('frequency', 5)).toBe('Many times a day');
  });
});

describe('tallies', () => {
  it('counts votes per level in one dimension', () => {
    expect(
      tallies(
        makeVotes(10, () => 2),
        'severity',
      ),
    ).toEqual([0, 10, 0, 0, 0]);
    expect(tallies([], 'effort')).toEqual([0, 0, 0, 0, 0]);
  });

  it('names the levels that got votes, or says so when none did', () => {
    expect(
      tallyText(
        makeVotes(10, (i) => (i < 3 ? 5 : 1)),
        'effort',
        'none',
      ),
    ).toBe('XS (2 h) ×7, XL (120 h) ×3');
    expect(tallyText([], 'severity', 'no votes')).toBe('no votes');
  });
});

describe('modal inputs', () => {
  const options = [option('One', '1'), option('Two', '2')];

  it('preselects only a known value, or the first when asked', () => {
    expect(select(options, { initial: '2' }).initial_option).toEqual(options[1]);
    expect(select(options, { initial: '9' })).not.toHaveProperty('initial_option');
    expect(select(options, { initial: '9', orFirst: true }).initial_option).toEqual(options[0]);
    expect(select(options)).not.toHaveProperty('placeholder');
  });

  it('uses the field id as block and action id', () => {
    const block = input('title', 'Title', select(options, { placeholder: 'Pick' }), { optional: true });
    expect(block).toMatchObject({ block_id: 'title', optional: true, element: { action_id: 'title' } });
    expect(block).not.toHaveProperty('hint');
  });
});
