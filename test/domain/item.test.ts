import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.ts';
import { nextStatus, type Status, type StatusAction } from '../../src/domain/item.ts';

describe('status transitions (SPEC §1.1)', () => {
  const allowed: [Status, StatusAction, Status][] = [
    ['open', 'start', 'in_progress'],
    ['open', 'resolve', 'resolved'],
    ['open', 'wontfix', 'wont_fix'],
    ['in_progress', 'resolve', 'resolved'],
    ['in_progress', 'wontfix', 'wont_fix'],
    ['resolved', 'reopen', 'open'],
    ['wont_fix', 'reopen', 'open'],
  ];
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  const refused: [Status, StatusAction][] = [
    ['open', 'reopen'],
    ['in_progress', 'start'],
    ['in_progress', 'reopen'],
    ['resolved', 'resolve'],
    ['resolved', 'start'],
    ['wont_fix', 'wontfix'],
    ['wont_fix', 'resolve'],
  ];
  it.each(refused)('%s --%s--> refused with a reason', (from, action) => {
    try {
      nextStatus(from, action);
      expect.unreachable();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('invalid');
    }
  });
});
