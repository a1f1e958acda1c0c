// Where blocks are rendered (a message, a modal, the Home tab) and what their controls can do there.
import type { ActionSource, SandboxChannel, SandboxUser } from '../contract.ts';
import type { Json } from './json.ts';
import type { MrkdwnContext } from './mrkdwn.ts';
import type { FieldReading, OptionObject, PageActionElement } from './state-values.ts';

/** A stateful control on the surface: it reads and writes plain strings (see state-values.ts). */
export interface RegisteredField {
  blockId: string;
  actionId: string;
  element: Json;
  /** Set on input blocks only. */
  optional?: boolean;
  read(): string[];
  /** `options`: ones the previous control knew, so an external select keeps a choice loaded there. */
  write(picked: readonly string[], options?: readonly OptionObject[]): void;
  extraOptions(): OptionObject[];
}

export interface Surface {
  source: ActionSource;
  mrkdwn: MrkdwnContext;
  users: readonly SandboxUser[];
  channels: readonly SandboxChannel[];
  /** Filled while rendering: every stateful control, for state.values and for keeping typed input. */
  fields: RegisteredField[];
  /** Sends block_actions for an element the viewer used (any confirm already accepted). */
  act(action: PageActionElement): void;
  /** An external select's options for what the viewer typed (block_suggestion). */
  loadOptions(blockId: string, actionId: string, query: string): Promise<OptionObject[]>;
}

export const readFields = (fields: readonly RegisteredField[]): FieldReading[] =>
  fields.map((f) => ({
    blockId: f.blockId,
    actionId: f.actionId,
    element: f.element,
    picked: f.read(),
    extraOptions: f.extraOptions(),
    ...(f.optional === undefined ? {} : { optional: f.optional }),
  }));

/** Carries typed input over a re-render of the same view (Slack keeps it while block and action ids match). */
export function carryOver(from: readonly RegisteredField[], to: readonly RegisteredField[]): void {
  const key = (f: RegisteredField) => `${f.blockId}\u0000${f.actionId}`;
  const previous = new Map(from.map((f) => [key(f), f]));
  for (const field of to) {
    const old = previous.get(key(field));
    if (old) field.write(old.read(), old.extraOptions());
  }
}
