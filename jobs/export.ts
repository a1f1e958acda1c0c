// Processor of `/debt export [all]` jobs: payload in, src/features/export-items.ts, BullMQ's retries out; the user is told once a failure is final.
import type { webApi } from '@slack/bolt';
import { type Job, UnrecoverableError } from 'bullmq';
import { buildExportFailed, exportFailureReason } from '../blocks/export-messages.ts';
import type { Deps } from '../src/deps.ts';
import { type ExportDeps, type ExportRequest, exportItems } from '../src/features/export-items.ts';
import { pausePosting } from '../src/features/pause-posting.ts';
import { tellUser } from '../src/features/tell-user.ts';
import { withRequestId } from '../src/lib/request-context.ts';
import { classifySlackError, isSlackApiError } from '../src/lib/slack-errors.ts';
import { ExportPayloadSchema } from './contracts.ts';
import { isLastAttempt } from './digest-failures.ts';
import { postpone } from './postpone.ts';

export interface ExportJobDeps extends ExportDeps, Pick<Deps, 'digests'> {
  client: webApi.WebClient;
}

/** The user hears why, in a DM; if even that fails (the DM is what broke), the log says so. */
async function tellFailure(deps: ExportJobDeps, req: ExportRequest, reason: string): Promise<void> {
  try {
    await tellUser(deps, deps.client, req.userId, buildExportFailed(reason), null);
  } catch (error) {
    deps.logger.warn('could not tell the user their export failed', { userId: req.userId, error });
  }
}

/**
 * Rate limits wait (not counted as an attempt, as everywhere: never dropped); a refused token pauses posting;
 * a channel or platform refusal will not pass, so the user is told at once and the job ends; anything else is
 * retried (jobs/producers/export.ts) and reported to the user on its last attempt.
 */
async function handleExportFailure(
  deps: ExportJobDeps,
  job: Job,
  token: string | undefined,
  req: ExportRequest,
  error: unknown,
): Promise<string> {
  const log = deps.logger.child({ teamId: req.teamId, userId: req.userId, scope: req.scope });
  const attempt = { attempt: job.attemptsMade + 1, attempts: job.opts.attempts ?? 1 };
  const failure = isSlackApiError(error) ? classifySlackError(error) : null;
  if (failure?.kind === 'rate_limited') {
    log.info('export rate-limited; waiting as Slack asked', { retryAfterSeconds: failure.retryAfterSeconds });
    return postpone(job, token, failure.retryAfterSeconds * 1000);
  }
  if (failure?.kind === 'auth') {
    // No DM can go out with a refused token: the pause's alarm is the message.
    await pausePosting(deps, failure.error, log);
    throw new UnrecoverableError(`Slack refused the token: ${failure.error}`);
  }
  const refused = failure?.kind === 'channel' || failure?.kind === 'platform';
  if (!refused && !isLastAttempt(job)) {
    log.info('export failed; retrying', { ...attempt, failure: failure ?? undefined, error });
    throw error;
  }
  log.error('export not delivered', { ...attempt, failure: failure ?? undefined, error });
  await tellFailure(deps, req, exportFailureReason(failure));
  if (refused) throw new UnrecoverableError(`Slack refused the export: ${failure?.error}`);
  throw error;
}

export function createExportProcessor(deps: ExportJobDeps) {
  return async function processExport(job: Job, token?: string): Promise<string> {
    const parsed = ExportPayloadSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`bad export payload: ${parsed.error.message}`);
    const { teamId, userId, channelId, scope, requestId } = parsed.data;
    const req: ExportRequest = { teamId, userId, channelId, scope };
    const run = async (): Promise<string> => {
      try {
        const { rows } = await exportItems(deps, req, deps.client);
        return `exported ${rows}`;
      } catch (error) {
        return await handleExportFailure(deps, job, token, req, error);
      }
    };
    return requestId ? withRequestId(requestId, run) : run();
  };
}
