// One gate per Slack message: at most one chat.update of a message per slot, across every worker process
// (decision 0004). Taken before the call, renewed when it returns.

import type { RedisClient } from './client.ts';
import type { Keys } from './keys.ts';

export interface RefreshGates {
  /** 0 when the gate was taken for `ms`; else milliseconds until the current holder's gate opens. */
  take(teamId: string, messageTs: string, ms: number): Promise<number>;
  /** Keeps the gate shut for `ms` from now (after a call returns). */
  hold(teamId: string, messageTs: string, ms: number): Promise<void>;
  release(teamId: string, messageTs: string): Promise<void>;
}

export function createRefreshGates(redis: RedisClient, keys: Keys): RefreshGates {
  return {
    async take(teamId, messageTs, ms) {
      const gate = keys.refreshGate(teamId, messageTs);
      if ((await redis.set(gate, '1', 'PX', ms, 'NX')) !== null) return 0;
      return Math.max(1, await redis.pttl(gate));
    },
    async hold(teamId, messageTs, ms) {
      await redis.set(keys.refreshGate(teamId, messageTs), '1', 'PX', ms);
    },
    async release(teamId, messageTs) {
      await redis.del(keys.refreshGate(teamId, messageTs));
    },
  };
}
