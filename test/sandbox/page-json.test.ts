import { describe, expect, it } from 'vitest';
import { own } from '../../src/sandbox/page/json.ts';

describe('sandbox page lookups by the app’s strings', () => {
  it("finds a map's own entries only, never Object.prototype's members", () => {
    const renderers = { section: 'section', header: 'header' };
    expect(own(renderers, 'section')).toBe('section');
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'missing'])
      expect(own(renderers, name)).toBeUndefined();
  });

  it('finds an entry named __proto__ that the JSON itself holds', () => {
    const errors = JSON.parse('{"__proto__":"Please fill out this field."}') as Record<string, string>;
    expect(own(errors, '__proto__')).toBe('Please fill out this field.');
  });
});
