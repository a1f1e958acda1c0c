// Every Redis key the app writes, in one place. All keys start with REDIS_PREFIX (`<p>` below); all but a few
// install-wide ones are scoped by workspace (`<team>`). Braces are literal: `{<team>}` is a Redis Cluster hash tag,
// so every key of one workspace hashes to one slot and its Lua scripts and MULTIs stay on one node (decision 0025).
// Install-wide keys are untagged and always used alone, never in a transaction with a workspace's keys.
//
//   <p>:t:{<team>}:seq                      string  last allocated item number (INCR)
//   <p>:t:{<team>}:items                    zset    every item number (score = number)
//   <p>:t:{<team>}:ch:<channel>:items       zset    item numbers filed in a channel
//   <p>:t:{<team>}:item:<n>                 string  item JSON (ItemSchema, versioned)
//   <p>:t:{<team>}:item:<n>:history         list    history events JSON, oldest first
//   <p>:t:{<team>}:item:<n>:votes           hash    `<dimension>:<user>` → level 1–5
//   <p>:t:{<team>}:item:<n>:pain            list    pain reports JSON (PainReportSchema), oldest first
//   <p>:t:{<team>}:ch:<channel>:settings    string  channel settings JSON (versioned)
//   <p>:channels                            set     `<team>:<channel>` of every configured channel (digest reconcile)
//   <p>:t:{<team>}:activity                 hash    item number → ISO time of its last vote or pain report
//   <p>:t:{<team>}:once:<scope>:<key>       string  idempotency marker (modal submission, vote delivery) with TTL
//   <p>:t:{<team>}:gate:<message>           string  refresh gate: set for 2 s after each chat.update of a message
//   <p>:t:{<team>}:admin:<user>             string  cached "is workspace admin/owner" (TTL)
//   <p>:t:{<team>}:user-name:<user>         string  cached display name of a user mentioned in a message (TTL)
//   <p>:t:{<team>}:ch:<channel>:digest:<week>  string  scheduled digest record JSON: reserved | posted (ts)
//   <p>:t:{<team>}:ch:<channel>:digest-lock    string  held (with a token, TTL) by the worker posting a digest
//   <p>:t:{<team>}:ch:<channel>:digest-missed  set     ISO weeks skipped because workers were down > 24 h
//   <p>:t:{<team>}:ch:<channel>:digest-snap    string  total open interest at the last scheduled digest (JSON; read
//                                                     only as a fallback since weekly snapshots replaced it)
//   <p>:t:{<team>}:ch:<channel>:weeks       hash    ISO week → weekly snapshot JSON (WeeklySnapshotSchema), HSETNX
//   <p>:t:{<team>}:celebrated               set     item numbers a digest has celebrated as "paid for itself"
//   <p>:t:{<team>}:budget:<method>          hash    token bucket of a rate-limited Slack method (e.g. chat.update)
//   <p>:t:{<team>}:reminders                hash    user → weekly vote reminder opt-in JSON (ReminderPrefSchema)
//   <p>:t:{<team>}:reminded                 hash    user → ISO week (their zone) of their last reminder run
//   <p>:unpublished                         zset    `<team>:<n>` of items whose card (or failure notice) is not out
//                                                   yet → ms filed or last tried
//   <p>:card-sweep-lock                     string  held (with a token, TTL) by the worker sweeping `unpublished`
//   <p>:paused                              string  set when Slack refused the token: all posting paused (JSON)
//   <p>:layout                              string  key layout version (`2`: tagged); see src/migrate-keys.ts
//   <p>:{<p>:bull}:*                        BullMQ queues (its own layout under this prefix, one hash tag)
/** Escapes the glob characters SCAN MATCH understands, so a key prefix is matched literally. */
export const globEscape = (s: string): string => s.replace(/[*?[\]\\]/g, '\\$&');

export interface Keys {
  seq(team: string): string;
  items(team: string): string;
  /** SCAN pattern for every workspace's `items` set (it also matches per-channel sets: see teamOfItems). */
  allTeamItems: string;
  /** The workspace of an `items(team)` key; null for any other key the pattern matched. */
  teamOfItems(key: string): string | null;
  channelItems(team: string, channel: string): string;
  item(team: string, id: number): string;
  history(team: string, id: number): string;
  votes(team: string, id: number): string;
  pain(team: string, id: number): string;
  channelSettings(team: string, channel: string): string;
  activity(team: string): string;
  once(team: string, scope: string, key: string): string;
  adminCache(team: string, user: string): string;
  userName(team: string, user: string): string;
  configuredChannels: string;
  digestRecord(team: string, channel: string, week: string): string;
  digestLock(team: string, channel: string): string;
  digestMissed(team: string, channel: string): string;
  digestSnapshot(team: string, channel: string): string;
  weeklySnapshots(team: string, channel: string): string;
  celebrated(team: string): string;
  paused: string;
  unpublished: string;
  cardSweepLock: string;
  budget(team: string, method: string): string;
  refreshGate(team: string, message: string): string;
  /** Who opted in to the weekly vote reminder (SPEC §2.5), and their last known zone. */
  reminders(team: string): string;
  /** The ISO week each person was last reminded (or found nothing to remind of): kept across opt-outs. */
  reminded(team: string): string;
  /** Prefix handed to BullMQ: under REDIS_PREFIX, with one hash tag so its scripts stay on one node. */
  bullPrefix: string;
  /** What every key of one workspace starts with (`<p>:t:{<team>}:`): erasure, migration, tests. */
  teamHead(team: string): string;
  /** The key layout's version marker (decision 0025). */
  layout: string;
}

export function createKeys(prefix: string): Keys {
  const t = (team: string) => `${prefix}:t:{${team}}`;
  return {
    seq: (team) => `${t(team)}:seq`,
    items: (team) => `${t(team)}:items`,
    allTeamItems: `${globEscape(prefix)}:t:{*}:items`,
    teamOfItems(key) {
      const head = `${prefix}:t:{`;
      const tail = '}:items';
      const team = key.startsWith(head) && key.endsWith(tail) ? key.slice(head.length, -tail.length) : '';
      // Only `t:{<team>}:items` itself: a team id has no colon or brace.
      return /^[A-Z0-9]+$/.test(team) ? team : null;
    },
    channelItems: (team, channel) => `${t(team)}:ch:${channel}:items`,
    item: (team, id) => `${t(team)}:item:${id}`,
    history: (team, id) => `${t(team)}:item:${id}:history`,
    votes: (team, id) => `${t(team)}:item:${id}:votes`,
    pain: (team, id) => `${t(team)}:item:${id}:pain`,
    channelSettings: (team, channel) => `${t(team)}:ch:${channel}:settings`,
    activity: (team) => `${t(team)}:activity`,
    once: (team, scope, key) => `${t(team)}:once:${scope}:${key}`,
    adminCache: (team, user) => `${t(team)}:admin:${user}`,
    userName: (team, user) => `${t(team)}:user-name:${user}`,
    configuredChannels: `${prefix}:channels`,
    digestRecord: (team, channel, week) => `${t(team)}:ch:${channel}:digest:${week}`,
    digestLock: (team, channel) => `${t(team)}:ch:${channel}:digest-lock`,
    digestMissed: (team, channel) => `${t(team)}:ch:${channel}:digest-missed`,
    digestSnapshot: (team, channel) => `${t(team)}:ch:${channel}:digest-snap`,
    weeklySnapshots: (team, channel) => `${t(team)}:ch:${channel}:weeks`,
    celebrated: (team) => `${t(team)}:celebrated`,
    paused: `${prefix}:paused`,
    unpublished: `${prefix}:unpublished`,
    cardSweepLock: `${prefix}:card-sweep-lock`,
    budget: (team, method) => `${t(team)}:budget:${method}`,
    refreshGate: (team, message) => `${t(team)}:gate:${message}`,
    reminders: (team) => `${t(team)}:reminders`,
    reminded: (team) => `${t(team)}:reminded`,
    bullPrefix: `${prefix}:{${prefix}:bull}`,
    teamHead: (team) => `${t(team)}:`,
    layout: `${prefix}:layout`,
  };
}
