// Processor of card and vote-panel refresh jobs: payload in, src/features/refresh-message.ts, BullMQ's
// retry rules out (Retry-After and gates postpone without using an attempt; a thrown failure uses one of the
// job's bounded attempts, jobs/producers/refresh.ts; a refusal fails it at once). It runs under the request id of
// the request that queued it, so its log lines (and the use case's) carry that id.
import { type Job, UnrecoverableError } from 'bullmq';
import { type RefreshDeps, refreshMessage } from '../src/features/refresh-message.ts';
import { withRequestId } from '../src/lib/request-context.ts';
import { CardRefreshPayloadSchema } from './contracts.ts';
import { postpone } from './postpone.ts';

export function createRefreshProcessor(deps: RefreshDeps) {
  return async function processRefresh(job: Job, token?: string): Promise<string> {
    const parsed = CardRefreshPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad refresh payload: ${parsed.error.message}`);
    const { teamId, itemId, target, requestId } = parsed.data;
    const refresh = async (): Promise<string> => {
      const outcome = await refreshMessage(deps, teamId, itemId, target);
      if ('retryInMs' in outcome) {
        deps.logger.debug('message refresh postponed', {
          jobId: job.id,
          itemId,
          target,
          ms: outcome.retryInMs,
        });
        return postpone(job, token, outcome.retryInMs);
      }
      // Slack will never take this payload: failing for good here keeps the job from retrying forever.
      if ('refused' in outcome)
        throw new UnrecoverableError(`Slack refused the ${target}: ${outcome.refused}`);
      deps.logger.debug('message refresh done', { jobId: job.id, itemId, target, outcome: outcome.done });
      return outcome.done;
    };
    return requestId ? withRequestId(requestId, refresh) : refresh();
  };
}
