// What a person typed in a channel's composer, read as Slack's client reads it: text that starts with "/" is a
// slash command for the app, anything else a message of theirs. Both are stored as Slack stores them.
import { escapeMrkdwn } from '../../blocks/kit.ts';
import { SandboxRefusal } from './session-errors.ts';

export type Typed = { kind: 'message'; text: string } | { kind: 'command'; command: string; text: string };

/** The app's one command (manifest.yml). */
const COMMAND = '/debt';

/**
 * chat.postMessage's limit on `text`, answered with `msg_too_long`. Slack documents none for a slash command's
 * text; the same check stands in for it.
 */
const MAX_TEXT_CHARS = 40_000;

/** Slack stores what people type with `&`, `<`, `>` escaped (SPEC §3.2 "Text from Slack"): the same three. */
const asTyped = escapeMrkdwn;

/** The message or command typed; refused with Slack's code or its client's words when Slack would not send it. */
export function readTyped(typed: string): Typed {
  const text = typed.trim();
  if (text === '') throw new SandboxRefusal('no_text');
  if (text.length > MAX_TEXT_CHARS) throw new SandboxRefusal('msg_too_long');
  if (!text.startsWith('/')) return { kind: 'message', text: asTyped(text) };
  const command = text.split(/\s+/, 1)[0] ?? '';
  if (command !== COMMAND)
    throw new SandboxRefusal(
      `${command} is not a valid command. In Slack, all messages that start with "/" are commands; this app has ${COMMAND}.`,
    );
  // Slack escapes the text of a command declared with should_escape (manifest.yml): & < > as entities.
  return { kind: 'command', command, text: asTyped(text.slice(command.length).trim()) };
}
