// What the viewer looks at: who they are, the state last shown them, and their place in it (a channel and maybe
// one of its threads, or Home). Shared by the controller (page.ts), the drawing (draw.ts) and the shell's
// controls (shell-actions.ts), each changing it as the viewer moves.
import type { SandboxMessage, SandboxState } from '../contract.ts';
import type { ThreadPane } from './composer.ts';
import { own } from './json.ts';

export interface Viewer {
  /** The switcher's choice; null until one is known. */
  user: string | null;
  /** The state last applied; null before the first. */
  state: SandboxState | null;
  channel: string | null;
  showingHome: boolean;
  /** The open thread pane, if any. */
  thread: ThreadPane | null;
}

export function createViewer(initialUser: string | null): Viewer {
  return { user: initialUser, state: null, channel: null, showingHome: false, thread: null };
}

/** The open channel's messages; a channel id is never looked up on Object.prototype. */
export function messagesIn(viewer: Viewer, s: SandboxState): SandboxMessage[] {
  const messages = viewer.channel ? own(s.messages, viewer.channel) : undefined;
  return Array.isArray(messages) ? messages : [];
}
