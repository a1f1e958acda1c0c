// The long-poll that keeps the page's state fresh: it waits out a sandbox that is starting or resetting, and takes
// the state of a restarted one (a new bootId, a version lower than the last) at once instead of waiting for it.
import type { SandboxState } from '../contract.ts';
import { fetchState, type StatePoll } from './api.ts';

export interface StateWatch {
  user(): string | null;
  /** Shows a state. If it throws, the state counts as not shown: it is asked for again after a pause. */
  apply(state: SandboxState): void;
  /** The sandbox gives no state (`why`: what it answered, or the network error), or gives one again (null). */
  waiting(why: string | null): void;
}

export interface WatchIo {
  poll(user: string | null, after: number, signal: AbortSignal): Promise<StatePoll>;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 5000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

const browserIo: WatchIo = { poll: fetchState, sleep };

/** Polls until `signal` aborts; each state other than the one last shown is applied. */
export async function watchState(watch: StateWatch, signal: AbortSignal, io = browserIo): Promise<void> {
  // The state last shown: its process and version (none yet: null, -1).
  let shownBoot: string | null = null;
  let shownVersion = -1;
  // After a failure the sandbox may be a new process counting versions from 0: asking with the old `after`
  // would hold the request its full ~20 s, so the next poll asks for whatever it has (-1).
  let fresh = true;
  let waiting = false;
  let retryMs = FIRST_RETRY_MS;
  const pause = async () => {
    await io.sleep(retryMs, signal);
    retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
  };

  while (!signal.aborted) {
    let answer: StatePoll;
    try {
      answer = await io.poll(watch.user(), fresh ? -1 : shownVersion, signal);
    } catch (error) {
      answer = { kind: 'not-ready', why: error instanceof Error ? error.message : String(error) };
    }
    if (signal.aborted) return;
    if (answer.kind === 'not-ready') {
      waiting = true;
      fresh = true;
      watch.waiting(answer.why);
      await pause();
      continue;
    }
    if (waiting) {
      watch.waiting(null);
      retryMs = FIRST_RETRY_MS;
    }
    waiting = false;
    fresh = false;
    if (answer.kind === 'unchanged') continue;
    const next = answer.state;
    // The same version of the same process: the long-poll's quiet timeout, or a re-ask after a failure. Any other
    // is shown, a lower one too: the sandbox restarted or was reset, and waiting for it to pass `after` would stall.
    if (next.bootId === shownBoot && next.version === shownVersion) continue;
    try {
      watch.apply(next);
    } catch (error) {
      console.warn('The page could not show the sandbox state; asking again:', error);
      await pause();
      continue;
    }
    shownBoot = next.bootId;
    shownVersion = next.version;
    retryMs = FIRST_RETRY_MS;
  }
}
