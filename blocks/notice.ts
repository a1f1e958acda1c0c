// Short ephemeral answers: help, usage, refusals and errors. Callers pass trusted mrkdwn or escape first.
import { type Command, USAGE } from '../src/domain/command.ts';
import {
  type Block,
  context,
  type Message,
  message,
  type PlainText,
  plain,
  section,
  truncateEscaped,
} from './kit.ts';
import { SLACK_LIMITS } from './limits.ts';

/** A modal with nothing to submit: a title, *Close* and the notice's blocks. */
export interface NoticeModal {
  type: 'modal';
  title: PlainText;
  close: PlainText;
  blocks: Block[];
}

/**
 * A notice as a small modal: the answer to a click on a surface with no message to reply under (App Home),
 * opened with the click's trigger_id.
 */
export function buildNoticeModal(notice: Message): NoticeModal {
  return {
    type: 'modal',
    title: plain('Debt Triage', SLACK_LIMITS.viewTitle),
    close: plain('Close', SLACK_LIMITS.viewClose),
    blocks: notice.blocks.slice(0, SLACK_LIMITS.blocksPerView),
  };
}

export function buildNotice(text: string, hint?: string): Message {
  return message(text, [section(text), ...(hint ? [context([hint])] : [])]);
}

/** Room for the problem, so that however long the bad input, the usage line itself is always shown. */
const PROBLEM_MAX = 500;

export function buildUsage(command: Extract<Command, { kind: 'usage' }>, escapedProblem: string): Message {
  return buildNotice(
    `${truncateEscaped(escapedProblem, PROBLEM_MAX)}\nUsage: \`${USAGE[command.subcommand]}\``,
    'Ids work as DEBT-42, debt-42 or 42.',
  );
}

export function buildHelp(): Message {
  const lines = [
    '*Debt Triage* — file technical debt, vote on how much it hurts, pay it down.',
    // `<title>` raw would be read by Slack as a link token, even inside backticks.
    '`/debt` or `/debt &lt;title&gt;` — file an item (opens a form)',
    `\`${USAGE.list}\` — ranked list, this channel or the whole workspace with \`all\``,
    `\`${USAGE.top}\` — this channel's top items`,
    `\`${USAGE.show}\` — everything about one item, with its history`,
    `\`${USAGE.edit}\` · \`${USAGE.assign}\``,
    `\`${USAGE.start}\` · \`${USAGE.resolve}\` · \`${USAGE.wontfix}\` · \`${USAGE.reopen}\``,
    `\`${USAGE.hit}\` — it just cost you time: record it (hours optional)`,
    `\`${USAGE.stats}\` — is the debt growing? Interest rate, paydown and a 12-week trend chart, privately`,
    `\`${USAGE.export}\` — every item as a CSV file for a spreadsheet, sent to you by direct message`,
    `\`${USAGE.digest}\` — this channel's weekly digest now (privately; \`post\` shares it) · \`${USAGE.config}\` — digest day, time, zone, budget, stewards`,
    'Vote on severity, frequency and effort with the buttons in each card’s thread.',
    'Categories: data, experiment, model, pipeline, config, ops, coupling, code, architecture, testing, docs, infra, other',
  ];
  return message('Debt Triage help', [section(lines.join('\n'))]);
}
