// What a user reads when a request fails; the log keeps the details (SPEC §2.8).

export const DATABASE_DOWN =
  'Debt Triage cannot reach its database right now, so nothing was changed. Please try again in a minute.';

export const SOMETHING_WENT_WRONG =
  'Something went wrong on our side; nothing was lost. Please try again, and tell your Slack admin if it persists.';

export function slackRateLimited(retryAfterSeconds: number): string {
  return `Slack is rate-limiting Debt Triage; try again in ${retryAfterSeconds} seconds.`;
}

export function slackRefused(error: string): string {
  return `Slack refused the request (\`${error}\`). Nothing was lost; please try again, and tell your Slack admin if it persists.`;
}
