// The key layout's version (decision 0025). Layout 1 named workspace keys `<p>:t:<team>:…` and put BullMQ under
// `<p>:bull`; layout 2 tags them (`<p>:t:{<team>}:…`, `<p>:{<p>:bull}`) so a Redis Cluster can hold them. Nothing
// reads both: a process refuses to start on layout 1 data, and `npm run migrate-keys` moves it
// (src/store/layout-migration.ts).
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
    /** A key of one queue: `delayed`, a job's hash (its id), a job's lock (`<id>:lock`). */
    queueKey: (queue: string, rest: string) => `${prefix}:bull:${queue}:${rest}`,
  };
}

/** The process must not start: the data is in a layout this version does not read. */
export class KeyLayoutError extends Error {
  override name = 'KeyLayoutError';
}

/**
 * Which layout Redis holds, reading only. `current`: the marker says layout 2 (one GET). `unmarked`: no marker
 * and no layout 1 data, so a new installation (or data written through the stores before any process started).
 * Throws KeyLayoutError on layout 1 data or an unknown marker: this version would write new names beside the old
 * ones, and every workspace would look half empty. The operator scripts that must not write (erasure) stop here.
 */
export async function inspectKeyLayout(redis: RedisClient, prefix: string): Promise<'current' | 'unmarked'> {
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
  return 'unmarked';
}

/**
 * Run before a process serves anything: `inspectKeyLayout`, then on a new installation (`fresh`) the marker is
 * written, so every later start costs one GET.
 */
export async function checkKeyLayout(redis: RedisClient, prefix: string): Promise<'current' | 'fresh'> {
  if ((await inspectKeyLayout(redis, prefix)) === 'current') return 'current';
  // NX: processes starting together on a new installation all agree; none overwrites a migration's marker.
  await redis.set(createKeys(prefix).layout, LAYOUT_VERSION, 'NX');
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
  // Cheap signs first: the queues' meta hashes (every layout 1 process wrote them when it started), and the
  // layout 1 settings record of a few configured channels (`<team>:<channel>`). One EXISTS per key, sent together:
  // the keys hash to different slots, so no single multi-key EXISTS would do on a cluster.
  const channels = await redis.srandmember(createKeys(prefix).configuredChannels, CHANNEL_SAMPLE);
  const candidates = [
    ...LAYOUT_1_QUEUES.map(old.queueMeta),
    ...channels.map((member) => {
      const [team, channel] = member.split(':');
      return `${old.teamHead}${team}:ch:${channel}:settings`;
    }),
  ];
  const found = await Promise.all(candidates.map((key) => redis.exists(key)));
  if (found.some((n) => n > 0)) return true;
  // Workspace keys whose queues are gone: only a SCAN finds them. It walks the keyspace until the first one, and
  // only while there is no marker, so on the first start of an installation.
  return anyKeyMatches(redis, old.teamKeys);
}

/** Thrown by the visitor to end a scan at its first page with a key; never leaves `anyKeyMatches`. */
class KeyFound extends Error {}

/**
 * True when some key matches `match`, ending the scan at the first one. Through `scanEach`, so a cluster is scanned
 * on every master, and a cluster with a slot no reachable master serves is an error, not a "no": a start check
 * that missed a master's layout 1 keys would mark the installation new.
 */
async function anyKeyMatches(redis: RedisClient, match: string): Promise<boolean> {
  try {
    await scanEach(redis, match, 1000, async () => {
      throw new KeyFound();
    });
    return false;
  } catch (error) {
    if (error instanceof KeyFound) return true;
    throw error;
  }
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
