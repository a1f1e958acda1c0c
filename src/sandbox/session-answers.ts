// How Slack reads what the app answered to a request it delivered: the ack's body, or a failure worded as
// Slack's client words it.
import type { Delivery } from './deliver.ts';
import { SandboxRefusal } from './session-errors.ts';

/** The ack's body, or a refusal worded as Slack words it when the app did not answer in time. */
export function acked(delivery: Delivery, what: string): unknown {
  if (delivery.ok) return delivery.json;
  throw new SandboxRefusal(`${what} failed with the error "${delivery.error}" (${delivery.detail})`);
}

/** A submission's ack body; Slack keeps the modal open and says it could not reach the app. */
export function submissionAck(delivery: Delivery): unknown {
  if (delivery.ok) return delivery.json;
  throw new SandboxRefusal(
    `We had some trouble connecting (${delivery.error}: ${delivery.detail}). Try again?`,
  );
}

/** A command's ack with a body is its answer, shown to the person who typed it: its text and blocks. */
export function messageOf(answer: Record<string, unknown>): { text?: string; blocks?: unknown[] } {
  return {
    ...(typeof answer.text === 'string' ? { text: answer.text } : {}),
    ...(Array.isArray(answer.blocks) ? { blocks: answer.blocks } : {}),
  };
}
