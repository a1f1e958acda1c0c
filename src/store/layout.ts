// The key layout's version (decision 0025). Layout 1 named workspace keys `<p>:t:<team>:…` and put BullMQ under
// `<p>:bull`; layout 2 tags them (`<p>:t:{<team>}:…`, `<p>:{<p>:bull}`) so a Redis Cluster can hold them. Nothing
// reads both: a process refuses to start on layout 1 data, and `npm run migrate-keys` renames it (these helpers).
import { type RedisClient, scanEach } from './client.ts';
import { createKeys, globEscape } from './keys.ts';

/** What `<p>:layout` holds once every key is in the tagged layout. */
export const LAYOUT_VERSION = '2';

/** The queues layout 1 had. Frozen: a queue added later never existed under the old prefix. */
export const LAYOUT_1_QUEUES = ['cards', 'digests'] as const;

export const OLD_LAYOUT_MESSAGE =
  'this Redis holds keys in the old layout; stop every process and run `npm run migrate-keys`';

/** Layout 1's names under one prefix. */
export function oldLayout(prefix: string) {
  const escaped = globEscape(prefix);
  return {
    /** Untagged workspace keys: `t:` followed by anything but a tag's brace. */
    teamKeys: `${escaped}:t:[^{]*`,
    teamHead: `${prefix}:t:`,
    bullPrefix: `${prefix}:bull`,
    bullKeys: `${escaped}:bull:*`,
    queueMeta: (queue: string) => `${prefix}:bull:${queue}:meta`,
  };
}

/** The process must not start: the data is in a layout this version does not read. */
export class KeyLayoutError extends Error {
  override name = 'KeyLayoutError';
}

/**
 * Run before a process serves anything. `current`: the marker says layout 2 (one GET, every start but the first).
 * `fresh`: no marker and no layout 1 data, so this is a new installation and the marker is now written. Throws
 * KeyLayoutError on layout 1 data or an unknown marker: this version would write new names beside the old ones,
 * and every workspace would look half empty.
 */
export async function checkKeyLayout(redis: RedisClient, prefix: string): Promise<'current' | 'fresh'> {
  const marker = createKeys(prefix).layout;
  const found = await redis.get(marker);
  if (found === LAYOUT_VERSION) return 'current';
  if (found !== null)
    throw new KeyLayoutError(
      `this Redis holds keys in layout "${found}" under prefix "${prefix}" (${marker}); this version reads layout ${LAYOUT_VERSION} only. Run the version that wrote it.`,
    );
  if (await holdsOldLayout(redis, prefix))
    throw new KeyLayoutError(
      `${OLD_LAYOUT_MESSAGE} (prefix "${prefix}"; see docs/operations.md, "Upgrade").`,
    );
  // NX: processes starting together on a new installation all agree; none overwrites a migration's marker.
  await redis.set(marker, LAYOUT_VERSION, 'NX');
  return 'fresh';
}

/** How many configured channels the start check samples for a layout 1 settings record. */
const CHANNEL_SAMPLE = 20;

/**
 * True when layout 1 data is stored under `prefix`. Asked only while there is no marker. Install-wide keys alone
 * prove nothing (both layouts share them, and tests write through the stores before starting a process), so it
 * looks for names only layout 1 wrote.
 */
export async function holdsOldLayout(redis: RedisClient, prefix: string): Promise<boolean> {
  const old = oldLayout(prefix);
  // Cheap signs first. Every layout 1 process wrote its queues' meta hashes when it started.
  for (const queue of LAYOUT_1_QUEUES) if ((await redis.exists(old.queueMeta(queue))) > 0) return true;
  // A configured channel (`<team>:<channel>`) whose settings record has its layout 1 name.
  const channels = await redis.srandmember(createKeys(prefix).configuredChannels, CHANNEL_SAMPLE);
  for (const member of channels) {
    const [team, channel] = member.split(':');
    if ((await redis.exists(`${old.teamHead}${team}:ch:${channel}:settings`)) > 0) return true;
  }
  // Workspace keys whose queues are gone: only a SCAN finds them. It walks the whole keyspace, but only until
  // the marker exists, so on the first start of an installation.
  let found = false;
  await scanEach(redis, old.teamKeys, 1000, async () => {
    found = true;
  });
  return found;
}

export interface RenameReport {
  /** Renamed (in a dry run: would be). */
  renamed: number;
  /** Workspace keys already in layout 2 before this run. */
  alreadyTagged: number;
  /** Both names exist: left as they are, for the operator to decide. */
  conflicts: { from: string; to: string }[];
  /** Under `<p>:t:` but not `<p>:t:<team>:…`: no layout ever wrote them, so they are left alone. */
  unknown: string[];
  /** Expired between SCAN and RENAME (caches and markers with a TTL). */
  vanished: number;
}

/** The layout 2 name of a layout 1 workspace key; null when `key` is not `<p>:t:<team>:<rest>`. */
export function taggedName(prefix: string, key: string): string | null {
  const head = oldLayout(prefix).teamHead;
  if (!key.startsWith(head)) return null;
  const rest = key.slice(head.length);
  const colon = rest.indexOf(':');
  const team = rest.slice(0, colon);
  if (colon <= 0 || colon === rest.length - 1 || /[{}]/.test(team)) return null;
  return `${createKeys(prefix).teamHead(team)}${rest.slice(colon + 1)}`;
}

/** The number of keys matching `match`. */
async function countKeys(redis: RedisClient, match: string): Promise<number> {
  let n = 0;
  await scanEach(redis, match, 1000, async (page) => {
    n += page.length;
  });
  return n;
}

/**
 * RENAMENX of every layout 1 workspace key to its tagged name, a SCAN page per pipeline. RENAME keeps the value
 * and the TTL and costs O(1); NX never overwrites a key a layout 2 process already wrote. Single Redis only: on a
 * cluster the two names hash to different slots. A dry run asks EXISTS of each new name instead.
 */
export async function renameTeamKeys(
  redis: RedisClient,
  prefix: string,
  { dryRun }: { dryRun: boolean },
): Promise<RenameReport> {
  const report: RenameReport = {
    renamed: 0,
    alreadyTagged: await countKeys(redis, `${globEscape(prefix)}:t:{*`),
    conflicts: [],
    unknown: [],
    vanished: 0,
  };
  // The pattern leaves out tagged keys, so a key renamed during the SCAN is never visited twice.
  await scanEach(redis, oldLayout(prefix).teamKeys, 500, async (page) => {
    const moves: { from: string; to: string }[] = [];
    for (const from of page) {
      const to = taggedName(prefix, from);
      if (to === null) report.unknown.push(from);
      else moves.push({ from, to });
    }
    if (moves.length === 0) return;
    const pipeline = redis.pipeline();
    for (const { from, to } of moves) {
      if (dryRun) pipeline.exists(to);
      else pipeline.renamenx(from, to);
    }
    const results = (await pipeline.exec()) ?? [];
    moves.forEach((move, i) => {
      const [error, value] = results[i] ?? [new Error('no reply'), null];
      if (error) {
        if (/no such key/i.test(error.message)) report.vanished++;
        else throw error;
      } else if (dryRun ? value === 1 : value === 0) report.conflicts.push(move);
      else report.renamed++;
    });
  });
  return report;
}

/** Deletes (in a dry run: counts) every key of layout 1's queues; their jobs must have been copied first. */
export async function deleteOldQueueKeys(
  redis: RedisClient,
  prefix: string,
  { dryRun }: { dryRun: boolean },
): Promise<number> {
  let deleted = 0;
  await scanEach(redis, oldLayout(prefix).bullKeys, 500, async (page) => {
    deleted += dryRun ? page.length : await redis.unlink(...page);
  });
  return deleted;
}

/** The marker's value, or null when there is none. */
export async function readLayoutMarker(redis: RedisClient, prefix: string): Promise<string | null> {
  return redis.get(createKeys(prefix).layout);
}

export async function writeLayoutMarker(redis: RedisClient, prefix: string): Promise<void> {
  await redis.set(createKeys(prefix).layout, LAYOUT_VERSION);
}
