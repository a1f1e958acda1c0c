// Short ephemeral answers: help, usage, refusals and errors. Callers pass trusted mrkdwn or escape first.
import { type Command, USAGE } from '../src/domain/command.ts';
import { context, type Message, message, section } from './kit.ts';

export function buildNotice(text: string, hint?: string): Message {
  return message(text, [section(text), ...(hint ? [context([hint])] : [])]);
}

export function buildUsage(command: Extract<Command, { kind: 'usage' }>, escapedProblem: string): Message {
  return buildNotice(
    `${escapedProblem}\nUsage: \`${USAGE[command.subcommand]}\``,
    'Ids work as DEBT-42, debt-42 or 42.',
  );
}

export function buildHelp(): Message {
  const lines = [
    '*Debt Triage* — file technical debt, vote on how much it hurts, pay it down.',
    '`/debt` or `/debt <title>` — file an item (opens a form)',
    `\`${USAGE.list}\` — ranked list, this channel or the whole workspace with \`all\``,
    `\`${USAGE.top}\` — this channel's top items`,
    `\`${USAGE.show}\` — everything about one item, with its history`,
    `\`${USAGE.edit}\` · \`${USAGE.assign}\``,
    `\`${USAGE.start}\` · \`${USAGE.resolve}\` · \`${USAGE.wontfix}\` · \`${USAGE.reopen}\``,
    'Categories: data, experiment, model, pipeline, config, ops, coupling, code, architecture, testing, docs, infra, other',
  ];
  return message('Debt Triage help', [section(lines.join('\n'))]);
}
