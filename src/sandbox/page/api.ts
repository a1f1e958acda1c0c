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

/**
 * The viewer's state once its version exceeds `after` (the server holds the request up to ~20 s). `after = -1`
 * answers at once. An unknown user is left to the server, which answers as its first person.
 */
export async function fetchState(
  user: string | null,
  after: number,
  signal: AbortSignal,
): Promise<SandboxState | null> {
  const query = new URLSearchParams({ after: String(after) });
  if (user) query.set('user', user);
  const response = await fetch(`/sandbox/state?${query}`, { signal, cache: 'no-store' });
  // 204 (or any non-JSON answer) after a quiet wait: nothing changed.
  if (response.status === 204) return null;
  if (!response.ok) throw new Error(`HTTP ${response.status} from /sandbox/state`);
  return (await response.json()) as SandboxState;
}

export interface StateWatch {
  user(): string | null;
  apply(state: SandboxState): void;
  /** The server stopped answering (`lost`) or answers again. */
  connection(lost: boolean, why: string): void;
}

const RETRY_MS = 2000;

/** The long-poll loop, until `signal` aborts: each answer newer than the last is applied. */
export async function watchState(watch: StateWatch, signal: AbortSignal): Promise<void> {
  let after = -1;
  let lost = false;
  while (!signal.aborted) {
    try {
      const next = await fetchState(watch.user(), after, signal);
      if (lost) watch.connection(false, '');
      lost = false;
      if (next && !signal.aborted && next.version !== after) {
        after = next.version;
        watch.apply(next);
      }
    } catch (error) {
      if (signal.aborted) return;
      if (!lost) watch.connection(true, error instanceof Error ? error.message : String(error));
      lost = true;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}
