// The runtime contract of SPEC §3: one zod schema over the environment, parsed once. The only reader of process.env.
import { z } from 'zod';
import { isTimeZone } from './domain/settings.ts';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** A key prefix: everything the process writes to Redis starts with it. */
const keyPrefix = (fallback: string) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'must be 1–64 letters, digits, dots, colons, dashes or underscores')
    .default(fallback);

/** A TCP port: digits only, 0–65535 (0 picks a free one; tests use it). */
const port = (fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,5}$/, 'must be a port number (0–65535)')
    .transform(Number)
    .refine((n) => n <= 65535, 'must be a port number (0–65535)')
    .default(fallback);

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const REDIS_URL_MESSAGE = 'must be a URL starting with redis:// or rediss://';

/** REDIS_URL as before the cluster change (ioredis parses the rest); a seed node is checked further below. */
const redisUrl = z.string().refine((u) => /^rediss?:\/\//.test(u), REDIS_URL_MESSAGE);

/**
 * One seed node of a cluster: a plain `redis[s]://[user:password@]host[:port]`. A cluster has only database 0 and
 * ioredis takes no per-node options from the URL, so a path or query would be silently ignored: refused instead.
 * Credentials must decode (`%zz` would otherwise throw at connect time, outside this report).
 */
const clusterNode = redisUrl.refine((u) => {
  if (!URL.canParse(u)) return false;
  const url = new URL(u);
  return (
    (url.pathname === '' || url.pathname === '/') &&
    url.search === '' &&
    decodes(url.username) &&
    decodes(url.password)
  );
}, 'must be redis://[user:password@]host:port (no database, no options)');

function decodes(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}

/** A cluster's seed nodes share one set of credentials and one TLS setting: ioredis applies one to all. */
function agreeOnAccess(nodes: string[]): boolean {
  const access = (node: string) => {
    const url = new URL(node);
    return `${url.protocol} ${url.username} ${url.password}`;
  };
  return nodes.every((node) => access(node) === access(nodes[0] ?? node));
}

const EnvSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is required (the bot token, xoxb-…)' })
    .trim()
    .regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((t) => t === undefined || t.startsWith('xapp-'), {
    message: 'must be an app-level token starting with xapp-',
  }),
  SLACK_API_URL: z
    .url({ error: 'must be a URL such as https://slack.com/api/' })
    .default('https://slack.com/api/'),
  REDIS_URL: redisUrl.optional(),
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((node) => node.trim())
        .filter((node) => node !== ''),
    )
    .pipe(z.array(clusterNode).min(1, 'must list at least one node, e.g. redis://10.0.0.1:6379'))
    .refine(agreeOnAccess, 'every node must use the same scheme (redis:// or rediss://), user and password')
    .optional(),
  REDIS_PREFIX: keyPrefix('debt'),
  PORT: port(3000),
  METRICS_PORT: port(9464),
  DEFAULT_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin'),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
});

/** Checked apart from the schema so that it is reported together with every other problem. */
function modeProblems(env: Record<string, string | undefined>): string[] {
  const blank = (v: string | undefined) => v === undefined || v.trim() === '';
  return [
    ...(blank(env.SLACK_APP_TOKEN) && blank(env.SLACK_SIGNING_SECRET)
      ? ['SLACK_SIGNING_SECRET is required in HTTP mode (set SLACK_APP_TOKEN to use Socket Mode instead)']
      : []),
    ...(!blank(env.REDIS_URL) && !blank(env.REDIS_CLUSTER_NODES)
      ? [
          'REDIS_URL and REDIS_CLUSTER_NODES are both set: set REDIS_URL for one Redis or REDIS_CLUSTER_NODES for a cluster',
        ]
      : []),
  ];
}

export interface Config {
  slack: {
    botToken: string;
    signingSecret: string | undefined;
    appToken: string | undefined;
    apiUrl: string;
    socketMode: boolean;
  };
  /** Exactly one of `url` (one Redis) and `clusterNodes` (a Redis Cluster's seed nodes) is set. */
  redis: { url: string | null; clusterNodes: string[] | null; prefix: string };
  port: number;
  /** GET /metrics, /healthz and /readyz of a process running only the workers (`npm run start:worker`). */
  metricsPort: number;
  defaultTimezone: string;
  logLevel: LogLevel;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Debt Triage cannot start; fix these environment variables (see README.md, "Configuration"):\n${problems
        .map((p) => `  - ${p}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** A blank value (`PORT=` in a .env file) means "use the default", not "set to nothing". */
const nonBlank = (env: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));

/** Each problem zod found, as `VARIABLE message`. */
const problemsOf = (error: z.ZodError): string[] =>
  error.issues.map((i) => `${String(i.path[0] ?? 'environment')} ${i.message}`);

/** Parses an environment (process.env by default); throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(nonBlank(env));
  const problems = [...(parsed.success ? [] : problemsOf(parsed.error)), ...modeProblems(env)];
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      socketMode: e.SLACK_APP_TOKEN !== undefined,
    },
    redis: e.REDIS_CLUSTER_NODES
      ? { url: null, clusterNodes: e.REDIS_CLUSTER_NODES, prefix: e.REDIS_PREFIX }
      : { url: e.REDIS_URL ?? DEFAULT_REDIS_URL, clusterNodes: null, prefix: e.REDIS_PREFIX },
    port: e.PORT,
    metricsPort: e.METRICS_PORT,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    logLevel: e.LOG_LEVEL,
  };
}

/** `npm run sandbox` (SPEC §2.11): the few variables it reads; it needs no Slack tokens. */
export interface SandboxConfig {
  port: number;
  /** Every key the sandbox's app writes starts with it; a reset deletes exactly these. */
  prefix: string;
  /** Where the private Redis and the saved workspace live (default `.sandbox/` in the repository). */
  dir: string | undefined;
  /** Used when it answers; otherwise the sandbox starts a private redis-server. */
  redisUrl: string | undefined;
  logLevel: LogLevel;
}

const SandboxEnvSchema = z
  .object({
    PORT: port(3000),
    SANDBOX_PREFIX: keyPrefix('sandbox'),
    SANDBOX_DIR: optionalText,
    REDIS_URL: optionalText,
    REDIS_PREFIX: keyPrefix('debt'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('warn'),
  })
  // A reset deletes every key under the prefix: never the app's own data.
  .refine((e) => e.SANDBOX_PREFIX !== e.REDIS_PREFIX, {
    path: ['SANDBOX_PREFIX'],
    message:
      "must differ from the app's own key prefix (REDIS_PREFIX, default debt): a reset deletes every key under it",
  });

/** The sandbox's configuration, or every problem with it (`VARIABLE message`). */
export function loadSandboxConfig(
  env: Record<string, string | undefined> = process.env,
): { config: SandboxConfig; problems?: undefined } | { config?: undefined; problems: string[] } {
  const parsed = SandboxEnvSchema.safeParse(nonBlank(env));
  if (!parsed.success) return { problems: problemsOf(parsed.error) };
  const e = parsed.data;
  return {
    config: {
      port: e.PORT,
      prefix: e.SANDBOX_PREFIX,
      dir: e.SANDBOX_DIR,
      redisUrl: e.REDIS_URL,
      logLevel: e.LOG_LEVEL,
    },
  };
}

/** Where the data is, without passwords: operator scripts print it so the operator can check the target. */
export function redisShown(redis: Config['redis']): string {
  const shown = (url: string) => {
    try {
      const parsed = new URL(url);
      if (parsed.password) parsed.password = '***';
      return parsed.toString();
    } catch {
      return 'the configured Redis';
    }
  };
  return redis.clusterNodes
    ? `the Redis Cluster at ${redis.clusterNodes.map(shown).join(', ')}`
    : shown(redis.url ?? '');
}
