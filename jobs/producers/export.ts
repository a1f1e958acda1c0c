// Queueing `/debt export [all]` (SPEC §2.10): the CSV is built and sent by a worker, never in the request.
import type { Queue } from 'bullmq';
import { currentRequestId } from '../../src/lib/request-context.ts';
import { type ExportPayload, ExportPayloadSchema, JOB_NAMES } from '../contracts.ts';

/** Three tries, 10 s then 20 s apart: Slack's passing failures have passed by then, and the user still waits. */
export const EXPORT_ATTEMPTS = 3;
const EXPORT_BACKOFF_MS = 10_000;

/**
 * Queues one export on the cards queue. The payload is checked here, so a bad one fails the request that made
 * it rather than a worker later. A request delivered twice (the same request id) queues one export.
 */
export async function queueExport(queue: Queue, payload: ExportPayload): Promise<void> {
  const requestId = payload.requestId ?? currentRequestId();
  const data = ExportPayloadSchema.parse({ ...payload, ...(requestId ? { requestId } : {}) });
  await queue.add(JOB_NAMES.exportItems, data, {
    ...(data.requestId ? { jobId: `export-${data.teamId}-${data.userId}-${data.requestId}` } : {}),
    attempts: EXPORT_ATTEMPTS,
    backoff: { type: 'exponential', delay: EXPORT_BACKOFF_MS },
    removeOnComplete: true,
    removeOnFail: 1000,
  });
}
