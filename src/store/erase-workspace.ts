// Erasing one workspace's data (decision 0019): every key under `{p}:t:{team}:`, the workspace's members of
// the install-wide sets (`{p}:channels`, `{p}:unpublished`), and the entries of the job queues' event streams
// that name it. Keys are found with SCAN (never KEYS) and deleted page by page with UNLINK, so a large
// workspace never blocks Redis for the other workspaces and processes sharing it.

import { type RedisClient, scanEach } from './client.ts';
import { globEscape, type Keys } from './keys.ts';

/** A Slack workspace (`T…`) or Enterprise Grid organisation (`E…`) id: the only ids erasure accepts. */
const WORKSPACE_ID = /^[TE][A-Z0-9]{2,}$/;

export function isWorkspaceId(id: string): boolean {
  return WORKSPACE_ID.test(id);
}

/** What one workspace has in Redis, outside the job queues. */
export interface WorkspaceFootprint {
  teamId: string;
  /** Keys under `{p}:t:{team}:`. */
  keys: number;
  /** Item records among them (`item:{n}`). */
  items: number;
  /** Channels any of its keys or set members name, sorted. */
  channelIds: string[];
  /** Its members (`{team}:…`) of the install-wide sets. */
  setMembers: { channels: number; unpublished: number };
  /** Entries of the queues' event streams that name it (job ids such as `card-{team}-42-…`). */
  events: number;
}

export interface ErasedKeys {
  keys: number;
  setMembers: { channels: number; unpublished: number };
  events: number;
}

export interface WorkspaceErasure {
  /** Reads only. `eventStreams` are the queues' event stream keys (BullMQ's `queue.keys.events`). */
  survey(teamId: string, eventStreams: readonly string[]): Promise<WorkspaceFootprint>;
  /** Deletes every key and set member of the workspace and the event entries naming it; returns counts. */
  erase(teamId: string, eventStreams: readonly string[]): Promise<ErasedKeys>;
}

const SCAN_COUNT = 1000;
const BATCH = 500;

function requireWorkspaceId(teamId: string): void {
  // The id goes into SCAN patterns and key prefixes: anything but a plain id could reach other workspaces.
  if (!isWorkspaceId(teamId)) throw new Error(`"${teamId}" is not a Slack workspace id (such as T0123ABC)`);
}

/** True when `text` contains the id as a whole token (`card-T1-3-9`, `…:t:T1:item:3`), never as part of T12. */
function namesWorkspace(text: string, teamId: string): boolean {
  for (let at = text.indexOf(teamId); at !== -1; at = text.indexOf(teamId, at + 1)) {
    const before = text[at - 1];
    const after = text[at + teamId.length];
    const edge = (c: string | undefined) => c === undefined || !/[A-Z0-9]/.test(c);
    if (edge(before) && edge(after)) return true;
  }
  return false;
}

export function createWorkspaceErasure(redis: RedisClient, keys: Keys): WorkspaceErasure {
  async function eachKeyPage(teamId: string, visit: (page: string[]) => Promise<void>): Promise<void> {
    // Every master (a workspace's keys share one slot, but which master holds it is the cluster's business).
    await scanEach(redis, `${globEscape(keys.teamHead(teamId))}*`, SCAN_COUNT, visit);
  }

  /** The workspace's members of one install-wide set or sorted set. */
  async function membersOf(kind: 'set' | 'zset', key: string, teamId: string): Promise<string[]> {
    const match = `${globEscape(teamId)}:*`;
    const found = new Set<string>();
    let cursor = '0';
    do {
      const [next, page] =
        kind === 'set'
          ? await redis.sscan(key, cursor, 'MATCH', match, 'COUNT', SCAN_COUNT)
          : await redis.zscan(key, cursor, 'MATCH', match, 'COUNT', SCAN_COUNT);
      cursor = next;
      // ZSCAN answers member, score, member, score…
      const members = kind === 'set' ? page : page.filter((_, i) => i % 2 === 0);
      for (const member of members) if (member.startsWith(`${teamId}:`)) found.add(member);
    } while (cursor !== '0');
    return [...found];
  }

  /** Ids of the stream entries naming the workspace, page by page (`(id` is exclusive, Redis 6.2+). */
  async function eachEventPage(
    stream: string,
    teamId: string,
    visit: (ids: string[]) => Promise<void>,
  ): Promise<void> {
    let start = '-';
    for (;;) {
      const entries = await redis.xrange(stream, start, '+', 'COUNT', BATCH);
      const naming = entries
        .filter(([, fields]) => fields.some((value) => namesWorkspace(value, teamId)))
        .map(([id]) => id);
      if (naming.length > 0) await visit(naming);
      const last = entries.at(-1);
      if (!last || entries.length < BATCH) return;
      start = `(${last[0]}`;
    }
  }

  async function inBatches(all: string[], act: (batch: string[]) => Promise<number>): Promise<number> {
    let done = 0;
    for (let i = 0; i < all.length; i += BATCH) done += await act(all.slice(i, i + BATCH));
    return done;
  }

  return {
    async survey(teamId, eventStreams) {
      requireWorkspaceId(teamId);
      const own = keys.teamHead(teamId);
      const channels = new Set<string>();
      let keyCount = 0;
      let items = 0;
      await eachKeyPage(teamId, async (page) => {
        for (const key of page) {
          keyCount++;
          const rest = key.slice(own.length);
          if (/^item:\d+$/.test(rest)) items++;
          const channel = /^ch:([A-Z0-9]+):/.exec(rest)?.[1];
          if (channel) channels.add(channel);
        }
      });
      const channelMembers = await membersOf('set', keys.configuredChannels, teamId);
      for (const member of channelMembers) channels.add(member.slice(teamId.length + 1));
      const unpublished = await membersOf('zset', keys.unpublished, teamId);
      let events = 0;
      for (const stream of eventStreams)
        await eachEventPage(stream, teamId, async (ids) => {
          events += ids.length;
        });
      return {
        teamId,
        keys: keyCount,
        items,
        channelIds: [...channels].sort(),
        setMembers: { channels: channelMembers.length, unpublished: unpublished.length },
        events,
      };
    },

    async erase(teamId, eventStreams) {
      requireWorkspaceId(teamId);
      let deleted = 0;
      // One UNLINK per SCAN page: the memory is freed in the background, Redis answers others in between.
      await eachKeyPage(teamId, async (page) => {
        deleted += await redis.unlink(...page);
      });
      const channels = await inBatches(await membersOf('set', keys.configuredChannels, teamId), (batch) =>
        redis.srem(keys.configuredChannels, ...batch),
      );
      const unpublished = await inBatches(await membersOf('zset', keys.unpublished, teamId), (batch) =>
        redis.zrem(keys.unpublished, ...batch),
      );
      let events = 0;
      for (const stream of eventStreams)
        await eachEventPage(stream, teamId, async (ids) => {
          events += await redis.xdel(stream, ...ids);
        });
      return { keys: deleted, setMembers: { channels, unpublished }, events };
    },
  };
}
