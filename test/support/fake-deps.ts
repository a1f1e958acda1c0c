// Fake deps for listener-level unit tests (as Slack's bolt-ts starter template tests its listeners): only
// what a test hands in exists; touching anything else fails the test with the name of what was touched.
import type { Deps } from '../../src/deps.ts';
import { fixedClock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';

export interface FakeDeps {
  deps: Deps;
  /** Log lines written, as JSON objects. */
  logs: { level: string; msg: string }[];
}

export function fakeDeps(given: Partial<Deps> = {}): FakeDeps {
  const logs: { level: string; msg: string }[] = [];
  const base: Partial<Deps> = {
    logger: createLogger('debug', {}, (line) => logs.push(JSON.parse(line))),
    clock: fixedClock('2026-12-04T12:00:00Z'),
    ...given,
  };
  const deps = new Proxy(base, {
    get(target, name) {
      if (typeof name === 'symbol' || name in target) return target[name as keyof Deps];
      throw new Error(`the listener touched deps.${name}, which this test did not expect`);
    },
  }) as Deps;
  return { deps, logs };
}

/** A recorder for Bolt's ack/respond/client calls, in the order they happened. */
export function recorder() {
  const calls: { what: string; args: unknown }[] = [];
  const record =
    (what: string) =>
    async (args?: unknown): Promise<void> => {
      calls.push({ what, args });
    };
  return { calls, record };
}

/** Who clicks or submits in listener tests: `team` and `user` as every interactive payload carries them. */
export const PAYLOAD_ACTOR = {
  team: { id: 'T0001', domain: 'acme' },
  user: { id: 'U0001', team_id: 'T0001' },
};
