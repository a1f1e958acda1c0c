// Voting and pain-report rules that are not scoring: what a click can lead to, and default pain hours.

import { severityHours } from './scales.ts';
import { median, type Vote } from './scoring.ts';

export type VoteOutcome =
  | 'set'
  | 'changed'
  | 'retracted'
  /** The same click arrived twice (a retried delivery, or a double click within the guard window). */
  | 'duplicate'
  | 'not_found'
  | 'closed'
  | 'frozen';

export const COUNTED: ReadonlySet<VoteOutcome> = new Set(['set', 'changed', 'retracted']);

/** SPEC §1.5: the reporter's own severity vote in hours, else the item's median severity, else 1 h. */
export function defaultPainHours(userId: string, votes: readonly Vote[]): number {
  const severity = votes.filter((v) => v.dimension === 'severity');
  const own = severity.find((v) => v.userId === userId);
  if (own) return severityHours(own.level);
  return median(severity.map((v) => severityHours(v.level))) ?? 1;
}
