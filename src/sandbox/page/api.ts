// The page's calls to the stand-in (contract.ts): the long-poll for state and the POSTs for what the viewer did.
import type {
  ActionRequest,
  CloseRequest,
  CommandRequest,
  DigestRequest,
  HomeRequest,
  OptionsAnswer,
  OptionsRequest,
  ResetRequest,
  SandboxState,
  ShortcutRequest,
  SubmitAnswer,
  SubmitRequest,
} from '../contract.ts';
import { isObject } from './json.ts';

/** A refusal from the stand-in (Slack's error code or a sentence), or a network failure. */
export type Answer<T> = ({ ok: true } & T) | { ok: false; error: string };

interface Requests {
  command: [CommandRequest, object];
  action: [ActionRequest, object];
  submit: [SubmitRequest, Omit<SubmitAnswer, 'ok'>];
  close: [CloseRequest, object];
  shortcut: [ShortcutRequest, object];
  options: [OptionsRequest, Omit<OptionsAnswer, 'ok'>];
  home: [HomeRequest, object];
  digest: [DigestRequest, object];
  reset: [ResetRequest, object];
}

/** Never throws: a failed request becomes `{ ok: false, error }` so every caller shows it the same way. */
export async function post<K extends keyof Requests>(
  kind: K,
  body: Requests[K][0],
): Promise<Answer<Requests[K][1]>> {
  try {
    const response = await fetch(`/sandbox/${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answer: unknown = await response.json().catch(() => null);
    if (typeof answer === 'object' && answer !== null && 'ok' in answer)
      return answer as Answer<Requests[K][1]>;
    return { ok: false, error: `HTTP ${response.status} from /sandbox/${kind}` };
  } catch (error) {
    return {
      ok: false,
      error: `The sandbox did not answer (${error instanceof Error ? error.message : String(error)})`,
    };
  }
}

/** One long-poll's outcome: a state to show, nothing new, or a sandbox not ready yet (starting, resetting, gone). */
export type StatePoll =
  | { kind: 'state'; state: SandboxState }
  | { kind: 'unchanged' }
  | { kind: 'not-ready'; why: string };

/** The shape the page relies on to draw anything; the parts inside are read defensively where they are drawn. */
export function isSandboxState(body: unknown): body is SandboxState {
  if (!isObject(body)) return false;
  const arrays = ['users', 'channels', 'modals', 'shortcuts', 'problems', 'notices'] as const;
  return (
    typeof body.version === 'number' &&
    Number.isFinite(body.version) &&
    typeof body.bootId === 'string' &&
    typeof body.me === 'string' &&
    isObject(body.team) &&
    isObject(body.messages) &&
    (body.home === null || isObject(body.home)) &&
    arrays.every((key) => Array.isArray(body[key]))
  );
}

/**
 * The viewer's state once its version exceeds `after` (the server holds the request up to ~20 s). `after = -1`
 * answers at once. An unknown user is left to the server, which answers as its first person. Anything but a 200
 * with a state (the 503 of a sandbox starting or resetting, a refusal, a half-written body) is `not-ready`;
 * only a network failure or `signal` aborting throws.
 */
export async function fetchState(
  user: string | null,
  after: number,
  signal: AbortSignal,
): Promise<StatePoll> {
  const query = new URLSearchParams({ after: String(after) });
  if (user) query.set('user', user);
  // Not a literal in the call: Node's RequestInit, which the unit tests compile against, has no `cache`.
  const init = { signal, cache: 'no-store' } as const;
  const response = await fetch(`/sandbox/state?${query}`, init);
  if (response.status === 204) return { kind: 'unchanged' };
  const body: unknown = await response.json().catch(() => null);
  if (response.status !== 200) {
    const error = isObject(body) && typeof body.error === 'string' ? body.error : '';
    return { kind: 'not-ready', why: error || `HTTP ${response.status} from /sandbox/state` };
  }
  return isSandboxState(body)
    ? { kind: 'state', state: body }
    : { kind: 'not-ready', why: 'The sandbox sent a state the page cannot read.' };
}
