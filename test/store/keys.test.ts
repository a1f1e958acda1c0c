// The key layout works on a Redis Cluster by construction: a workspace's keys share one hash slot (its `{team}`
// tag), the queues' keys share another, and no key mixes the two (decision 0025).
import slotOf from 'cluster-key-slot';
import { describe, expect, it } from 'vitest';
import { bySlot } from '../../src/store/client.ts';
import { createKeys } from '../../src/store/keys.ts';

const keys = createKeys('debt');

/** Every per-workspace key the app writes for `team`, one of each kind. */
function workspaceKeys(team: string): string[] {
  return [
    keys.seq(team),
    keys.items(team),
    keys.channelItems(team, 'C1'),
    keys.item(team, 7),
    keys.history(team, 7),
    keys.votes(team, 7),
    keys.pain(team, 7),
    keys.channelSettings(team, 'C1'),
    keys.activity(team),
    keys.once(team, 'vote', 'x:y'),
    keys.adminCache(team, 'U1'),
    keys.userName(team, 'U1'),
    keys.digestRecord(team, 'C1', '2026-W49'),
    keys.digestLock(team, 'C1'),
    keys.digestMissed(team, 'C1'),
    keys.digestSnapshot(team, 'C1'),
    keys.weeklySnapshots(team, 'C1'),
    keys.celebrated(team),
    keys.budget(team, 'chat.update'),
    keys.refreshGate(team, 'C1:1.2'),
    keys.reminders(team),
    keys.reminded(team),
  ];
}

describe('key layout on a Redis Cluster', () => {
  it('puts every key of one workspace in one hash slot, under the workspace head', () => {
    for (const team of ['T0ABC', 'E0GRID', 'T01234567']) {
      const all = workspaceKeys(team);
      expect(new Set(all.map(slotOf))).toEqual(new Set([slotOf(team)]));
      for (const key of all) expect(key.startsWith(keys.teamHead(team))).toBe(true);
      expect(bySlot(all)).toEqual([all]);
    }
  });

  it('spreads workspaces over slots, and keeps the queues on one slot of their own under the prefix', () => {
    const teams = Array.from({ length: 50 }, (_, i) => `T0${String(i).padStart(4, '0')}`);
    expect(new Set(teams.map((team) => slotOf(keys.items(team)))).size).toBeGreaterThan(40);
    expect(keys.bullPrefix).toBe('debt:{debt:bull}');
    const queueKeys = ['cards:wait', 'cards:meta', 'digests:repeat', 'digests:events'].map(
      (rest) => `${keys.bullPrefix}:${rest}`,
    );
    expect(new Set(queueKeys.map(slotOf))).toEqual(new Set([slotOf('debt:bull')]));
    // Two installations on one cluster: their queues hash apart.
    expect(slotOf(`${createKeys('other').bullPrefix}:cards:wait`)).not.toBe(slotOf(queueKeys[0] ?? ''));
  });

  it('finds a workspace from its items key only, not from a channel index or a look-alike', () => {
    expect(keys.teamOfItems(keys.items('T0ABC'))).toBe('T0ABC');
    expect(keys.teamOfItems(keys.channelItems('T0ABC', 'C1'))).toBeNull();
    expect(keys.teamOfItems('debt:t:{T0ABC}x:items')).toBeNull();
    expect(keys.teamOfItems('other:t:{T0ABC}:items')).toBeNull();
    expect(keys.allTeamItems).toBe('debt:t:{*}:items');
  });

  it('groups keys by slot for multi-key commands, keeping their order', () => {
    const mixed = [keys.item('T1', 1), keys.unpublished, keys.item('T1', 2), keys.configuredChannels];
    const groups = bySlot(mixed);
    expect(groups.flat().sort()).toEqual([...mixed].sort());
    for (const group of groups) expect(new Set(group.map(slotOf)).size).toBe(1);
    expect(groups.find((g) => g.includes(keys.item('T1', 1)))).toEqual([
      keys.item('T1', 1),
      keys.item('T1', 2),
    ]);
  });
});
