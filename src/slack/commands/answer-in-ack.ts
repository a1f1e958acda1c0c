// Where a command's private answer goes: in the ack body when it is ready within a deadline, which spares the
// separate response_url call (decision 0026), else through the response_url after an empty ack, so a slow
// Redis or Slack never pushes the ack past Slack's 3 s.
import type { AckFn, RespondArguments, RespondFn } from '@slack/bolt';
import type { Logger } from '../../lib/logger.ts';
import type { Reply } from '../reply.ts';

/**
 * How long a read-only command may build its answer before acking without it: 2 s leaves a second of Slack's 3 s
 * for the network between Slack and the app and for a busy event loop. 0 acks at once and answers through the
 * response_url (the flow before decision 0026; the ack-body bench builds the app with 0 to compare).
 */
export const ANSWER_IN_ACK_WITHIN_MS = 2000;

export interface CommandAnswer {
  /** The command's private reply: the ack body while the command is not acked yet, else its response_url. */
  reply: Reply;
  /** Acks without a body if nothing was answered in the ack; called once the command's work is over. */
  done(): Promise<void>;
}

/**
 * With `withinMs` > 0 the first reply within that time is the ack's body and the timer acks empty at the
 * deadline; later replies, and every reply after the deadline, go to the response_url once the ack is sent.
 */
export async function commandAnswer(
  ack: AckFn<string | RespondArguments>,
  respond: RespondFn,
  withinMs: number,
  logger: Logger,
): Promise<CommandAnswer> {
  let acked: Promise<void> | null = null;
  const ackOnce = (body?: RespondArguments): Promise<void> => {
    if (acked) return acked;
    acked = ack(body);
    // Awaited by reply() or done(); until then a failed ack must not count as an unhandled rejection.
    acked.catch(() => undefined);
    return acked;
  };
  if (withinMs <= 0) await ackOnce();
  const timer =
    acked === null
      ? setTimeout(() => {
          logger.info('answer not ready within the ack deadline; answering through response_url', {
            withinMs,
          });
          void ackOnce();
        }, withinMs)
      : undefined;
  return {
    async reply(message) {
      const body: RespondArguments = { response_type: 'ephemeral', ...message };
      if (acked === null) {
        clearTimeout(timer);
        return ackOnce(body);
      }
      // Slack takes a response_url's answer once the command is acknowledged.
      await acked;
      return respond(body);
    },
    async done() {
      clearTimeout(timer);
      await ackOnce();
    },
  };
}
