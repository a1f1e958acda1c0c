// Parses the text after `/debt` (SPEC §2.1) into a command. Pure: garbage in, a usage answer out, never a throw.
import { clip } from '../lib/text.ts';
import { type Category, isCategory } from './categories.ts';
import { LIMITS, parseItemId, STATUS_ACTIONS, STATUSES, type Status, type StatusAction } from './item.ts';

export interface ListFilters {
  category: Category | null;
  status: Status | 'closed' | null;
  mine: boolean;
  all: boolean;
}

export type Command =
  | { kind: 'file'; title: string }
  | { kind: 'help' }
  | { kind: 'list'; filters: ListFilters }
  | { kind: 'top' }
  | { kind: 'show'; id: number }
  | { kind: 'edit'; id: number }
  | { kind: 'assign'; id: number; userId: string }
  | { kind: 'status'; action: StatusAction; id: number; note: string }
  /** A pain report; hours null means "use the default" (SPEC §1.5). */
  | { kind: 'hit'; id: number; hours: number | null }
  /** `/debt digest` previews this channel's digest; with `post` it is posted to the channel. */
  | { kind: 'digest'; post: boolean }
  | { kind: 'config' }
  /** `/debt stats [all]`: §1.8's numbers and the trend chart, privately; `all` for the workspace. */
  | { kind: 'stats'; all: boolean }
  /** `/debt export [all]`: a CSV of the items by DM. */
  | { kind: 'export'; all: boolean }
  /** A known subcommand with a missing or malformed argument. */
  | { kind: 'usage'; subcommand: Subcommand; problem: string };

export const USAGE = {
  help: '/debt help',
  list: '/debt list [category] [open|in_progress|resolved|wont_fix|closed] [mine] [all]',
  top: '/debt top',
  show: '/debt show DEBT-42',
  edit: '/debt edit DEBT-42',
  assign: '/debt assign DEBT-42 @user',
  start: '/debt start DEBT-42 [note]',
  resolve: '/debt resolve DEBT-42 [note]',
  wontfix: '/debt wontfix DEBT-42 [note — e.g. "duplicate of DEBT-7"]',
  reopen: '/debt reopen DEBT-42 [note]',
  hit: '/debt hit DEBT-42 [hours]',
  digest: '/debt digest [post]',
  config: '/debt config',
  stats: '/debt stats [all]',
  export: '/debt export [all]',
} as const;
export type Subcommand = keyof typeof USAGE;

const STATUS_ALIASES: Record<string, Status | 'closed'> = {
  'in-progress': 'in_progress',
  wontfix: 'wont_fix',
  "won't-fix": 'wont_fix',
  done: 'resolved',
};

function isSubcommand(word: string): word is Subcommand {
  return Object.hasOwn(USAGE, word);
}

/** A mention as Slack sends it with should_escape: `<@U123>` or `<@U123|name>`. */
export function parseUserMention(token: string): string | null {
  return /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/.exec(token)?.[1] ?? null;
}

/** Short, printable form of a bad token for a usage message (the caller escapes it). */
function shown(token: string): string {
  return token.length > 40 ? `${clip(token, 39)}…` : token;
}

/** The usage answer for words left over after a complete command. */
function unexpected(subcommand: Subcommand, extra: string[]): Command {
  return { kind: 'usage', subcommand, problem: `\`${shown(extra.join(' '))}\` is not expected.` };
}

function parseList(args: string[]): Command {
  const filters: ListFilters = { category: null, status: null, mine: false, all: false };
  for (const raw of args) {
    const word = raw.toLowerCase();
    if (word === 'mine') filters.mine = true;
    else if (word === 'all') filters.all = true;
    else if (isCategory(word) && filters.category === null) filters.category = word;
    else if (((STATUSES as readonly string[]).includes(word) || word === 'closed') && filters.status === null)
      filters.status = word as Status | 'closed';
    else if (STATUS_ALIASES[word] && filters.status === null) filters.status = STATUS_ALIASES[word] ?? null;
    else return { kind: 'usage', subcommand: 'list', problem: `I did not understand \`${shown(raw)}\`.` };
  }
  return { kind: 'list', filters };
}

function needsId(subcommand: Subcommand, args: string[]): number | Command {
  const token = args[0];
  if (token === undefined) return { kind: 'usage', subcommand, problem: 'An item id is missing.' };
  const id = parseItemId(token);
  return id ?? { kind: 'usage', subcommand, problem: `\`${shown(token)}\` is not an item id.` };
}

/** Hours lost in one occurrence, in (0, 168]; accepts `2`, `1.5`, `1,5` and `2h`. */
export function parsePainHours(raw: string): number | null {
  const match = /^(\d{1,3}(?:[.,]\d{1,2})?)\s*h?$/i.exec(raw.trim());
  if (!match?.[1]) return null;
  const hours = Number(match[1].replace(',', '.'));
  return hours > 0 && hours <= 168 ? hours : null;
}

export function parseCommand(text: string): Command {
  const trimmed = text.replace(/\s+/g, ' ').trim();
  if (trimmed === '') return { kind: 'file', title: '' };
  const [first = '', ...args] = trimmed.split(' ');
  const sub = first.toLowerCase();
  if (!isSubcommand(sub)) return { kind: 'file', title: trimmed };

  switch (sub) {
    case 'help':
      return { kind: 'help' };
    case 'list':
      return parseList(args);
    case 'top':
      return args.length === 0 ? { kind: 'top' } : unexpected('top', args);
    case 'show':
    case 'edit': {
      const id = needsId(sub, args);
      if (typeof id !== 'number') return id;
      if (args.length > 1) return unexpected(sub, args.slice(1));
      return { kind: sub, id };
    }
    case 'assign': {
      const id = needsId(sub, args);
      if (typeof id !== 'number') return id;
      const who = args[1];
      if (who === undefined) return { kind: 'usage', subcommand: sub, problem: 'Whom to assign is missing.' };
      const userId = parseUserMention(who);
      if (userId === null || args.length > 2)
        return {
          kind: 'usage',
          subcommand: sub,
          problem: `\`${shown(args.slice(1).join(' '))}\` is not a @mention of one person.`,
        };
      return { kind: 'assign', id, userId };
    }
    case 'digest': {
      const [arg, ...rest] = args;
      if (arg === undefined) return { kind: 'digest', post: false };
      if (arg.toLowerCase() === 'post' && rest.length === 0) return { kind: 'digest', post: true };
      return unexpected(sub, args);
    }
    case 'config':
      return args.length === 0 ? { kind: 'config' } : unexpected(sub, args);
    case 'stats':
    case 'export': {
      const [arg, ...rest] = args;
      if (arg === undefined) return { kind: sub, all: false };
      if (arg.toLowerCase() === 'all' && rest.length === 0) return { kind: sub, all: true };
      return unexpected(sub, args);
    }
    case 'hit': {
      const id = needsId(sub, args);
      if (typeof id !== 'number') return id;
      if (args.length > 2) return unexpected(sub, args.slice(2));
      const raw = args[1];
      if (raw === undefined) return { kind: 'hit', id, hours: null };
      const hours = parsePainHours(raw);
      return hours === null
        ? {
            kind: 'usage',
            subcommand: sub,
            problem: `\`${shown(raw)}\` is not a number of hours above 0 and at most 168.`,
          }
        : { kind: 'hit', id, hours };
    }
    default: {
      const action = STATUS_ACTIONS.find((a) => a === sub);
      if (action === undefined) return { kind: 'file', title: trimmed };
      const id = needsId(sub, args);
      if (typeof id !== 'number') return id;
      const note = args.slice(1).join(' ');
      if (note.length > LIMITS.noteMax)
        return {
          kind: 'usage',
          subcommand: sub,
          problem: `The note is ${note.length} characters; at most ${LIMITS.noteMax}, please.`,
        };
      return { kind: 'status', action, id, note };
    }
  }
}
