// Slack refused the bot token: all posting stops for the install, loudly, until a worker starts with a token
// Slack accepts (SPEC §2.4, §3.1). One place for the pause and its alarm line, whoever noticed the refusal.
import type { Deps } from '../deps.ts';
import type { Logger } from '../lib/logger.ts';

export async function pausePosting(
  deps: Pick<Deps, 'digests' | 'clock' | 'logger'>,
  error: string,
  logger: Logger = deps.logger,
): Promise<void> {
  await deps.digests.pause(error, deps.clock.now().toISOString());
  logger.error('SLACK REFUSED THE BOT TOKEN: all posting is paused until the token is fixed', { error });
}
