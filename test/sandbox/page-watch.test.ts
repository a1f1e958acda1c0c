import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SandboxState } from '../../src/sandbox/contract.ts';
import { fetchState, type StatePoll } from '../../src/sandbox/page/api.ts';
import { type StateWatch, type WatchIo, watchState } from '../../src/sandbox/page/watch.ts';

const state = (bootId: string, version: number): SandboxState => ({
  version,
  bootId,
  team: { id: 'T1', name: 'Sandbox' },
  me: 'U0ANA',
  users: [],
  channels: [],
  messages: {},
  modals: [],
  home: null,
  shortcuts: [],
  problems: [],
  notices: [],
});
const shows = (s: SandboxState): StatePoll => ({ kind: 'state', state: s });
const notReady = (why: string): StatePoll => ({ kind: 'not-ready', why });

/** Runs the watch over scripted answers (an Error: the network failed) until they run out. */
async function watchOver(answers: (StatePoll | Error)[], apply: (s: SandboxState) => void = () => {}) {
  const asked: number[] = [];
  const slept: number[] = [];
  const waiting: (string | null)[] = [];
  const applied: string[] = [];
  const stop = new AbortController();
  const io: WatchIo = {
    poll: async (_user, after) => {
      asked.push(after);
      const answer = answers.shift();
      if (!answer) stop.abort();
      if (answer instanceof Error) throw answer;
      return answer ?? { kind: 'unchanged' };
    },
    sleep: async (ms) => {
      slept.push(ms);
    },
  };
  const watch: StateWatch = {
    user: () => 'U0ANA',
    apply: (s) => {
      apply(s);
      applied.push(`${s.bootId}@${s.version}`);
    },
    waiting: (why) => waiting.push(why),
  };
  await watchState(watch, stop.signal, io);
  return { asked, slept, waiting, applied };
}

describe('sandbox page state watch', () => {
  it('waits out a sandbox that is starting, backing off from 1 s to 5 s, and never shows its answer', async () => {
    const starting = Array.from({ length: 5 }, () => notReady('the sandbox is starting'));
    const run = await watchOver([...starting, shows(state('boot-1', 3))]);
    expect(run.applied).toEqual(['boot-1@3']);
    expect(run.slept).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(run.waiting).toEqual([...starting.map(() => 'the sandbox is starting'), null]);
    expect(run.asked.slice(0, 6)).toEqual([-1, -1, -1, -1, -1, -1]);
  });

  it('asks after the version last shown, which a state that failed to show does not advance', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let failOnce = true;
    const run = await watchOver(
      [shows(state('boot-1', 3)), shows(state('boot-1', 4)), shows(state('boot-1', 4))],
      (s) => {
        if (s.version === 4 && failOnce) {
          failOnce = false;
          throw new Error('odd state');
        }
      },
    );
    expect(run.applied).toEqual(['boot-1@3', 'boot-1@4']);
    expect(run.asked).toEqual([-1, 3, 3, 4]);
    expect(run.slept).toEqual([1000]);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it("takes a restarted sandbox's state at once, even with a lower version; skips one already shown", async () => {
    const run = await watchOver([
      shows(state('boot-1', 50)),
      shows(state('boot-1', 50)),
      shows(state('boot-2', 2)),
      shows(state('boot-2', 3)),
    ]);
    expect(run.applied).toEqual(['boot-1@50', 'boot-2@2', 'boot-2@3']);
    expect(run.asked).toEqual([-1, 50, 50, 2, 3]);
  });

  it('asks for whatever the sandbox has (after=-1) once it answers again after a failure', async () => {
    const run = await watchOver([
      shows(state('boot-1', 7)),
      new Error('fetch failed'),
      notReady('the sandbox is starting'),
      shows(state('boot-2', 1)),
      shows(state('boot-2', 2)),
    ]);
    expect(run.asked).toEqual([-1, 7, -1, -1, 1, 2]);
    expect(run.applied).toEqual(['boot-1@7', 'boot-2@1', 'boot-2@2']);
    expect(run.waiting).toEqual(['fetch failed', 'the sandbox is starting', null]);
  });
});

describe('sandbox page state request', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const answering = (response: Response) => {
    const fetch = vi.fn(async (_url: string, _init?: RequestInit) => response);
    vi.stubGlobal('fetch', fetch);
    return fetch;
  };
  const poll = () => fetchState('U0ANA', 12, new AbortController().signal);

  it('reads a 503 or any other refusal as "not ready", with its error', async () => {
    answering(Response.json({ ok: false, error: 'the sandbox is starting' }, { status: 503 }));
    expect(await poll()).toEqual({ kind: 'not-ready', why: 'the sandbox is starting' });
    answering(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(await poll()).toEqual({ kind: 'not-ready', why: 'HTTP 502 from /sandbox/state' });
  });

  it('reads a 200 without a state (no numeric version, no bootId) as "not ready"', async () => {
    for (const body of [
      { ok: false, error: 'x' },
      { ...state('b', 1), version: '1' },
      { ...state('b', 1), bootId: 7 },
    ]) {
      answering(Response.json(body));
      expect((await poll()).kind).toBe('not-ready');
    }
  });

  it('asks as the viewer after a version, and returns the state it is sent', async () => {
    const fetch = answering(Response.json(state('boot-1', 13)));
    expect(await poll()).toEqual({ kind: 'state', state: state('boot-1', 13) });
    expect(fetch.mock.calls[0]?.[0]).toBe('/sandbox/state?after=12&user=U0ANA');
    answering(new Response(null, { status: 204 }));
    expect(await poll()).toEqual({ kind: 'unchanged' });
  });
});
