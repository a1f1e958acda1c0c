// The thread reply under a card when its debt is resolved (SPEC §2.3): who paid it down and what it gives back.
import type { Item } from '../src/domain/item.ts';
import { hours } from './format.ts';
import { type Message, mention, message, section } from './kit.ts';

export interface CelebrationModel {
  /** Who resolved it. */
  userId: string;
  /** The interest (h/week) it had when resolved; null when it was never scored. */
  interest: Item['resolvedInterest'];
}

/** "Paid down by @dana: 4 h/week back", or just "Paid down by @dana" without an interest figure. */
export function buildCelebration({ userId, interest }: CelebrationModel): Message {
  // A scored interest is never 0 (§1.4), but a guard keeps "0 h/week back" from ever being said.
  const back = interest !== null && interest > 0 ? `: ${hours(interest)} h/week back` : '';
  const text = `:tada: Paid down by ${mention(userId)}${back}`;
  return message(text, [section(text)]);
}
