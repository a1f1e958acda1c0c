// npm run sandbox: the real app against a local stand-in for Slack, in a browser (SPEC §2.11). Never `npm start`:
// a production process that lost its tokens must fail, not serve a fake Slack.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { buildPageAssets } from './page-assets.ts';
import { NoRedis, type SandboxRedis, sandboxRedis } from './redis.ts';
import { startSandbox } from './sandbox.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const SandboxEnv = z.object({
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, 'PORT must be a port number (0–65535)')
    .transform(Number)
    .refine((n) => n <= 65535, 'PORT must be a port number (0–65535)')
    .default(3000),
  SANDBOX_PREFIX: z
    .string()
    .regex(
      /^[A-Za-z0-9_.:-]{1,64}$/,
      'SANDBOX_PREFIX must be 1–64 letters, digits, dots, colons, dashes or underscores',
    )
    .default('sandbox')
    // A reset deletes every key under the prefix: never the app's own data.
    .refine(
      (prefix) => prefix !== (process.env.REDIS_PREFIX ?? 'debt'),
      "SANDBOX_PREFIX must differ from the app's own key prefix (REDIS_PREFIX, default debt): a reset deletes every key under it",
    ),
  /** Where the private Redis and the saved workspace live; tests point it at a temporary directory. */
  SANDBOX_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('warn'),
});

const say = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string): never => {
  process.stderr.write(`${line}\n`);
  process.exit(1);
};

function portBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';
}

const parsed = SandboxEnv.safeParse(process.env);
if (!parsed.success)
  fail(`Debt Triage sandbox cannot start: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
const env = parsed.data ?? fail('unreachable');

let redis: SandboxRedis | undefined;
try {
  const assets = await buildPageAssets();
  redis = await sandboxRedis(process.env, env.SANDBOX_DIR ?? `${ROOT}.sandbox`, say);
  say(`Starting the Debt Triage sandbox (Redis: ${redis.origin})…`);
  const sandbox = await startSandbox({
    port: env.PORT,
    redisUrl: redis.url,
    prefix: env.SANDBOX_PREFIX,
    assets,
    dataDir: env.SANDBOX_DIR ?? `${ROOT}.sandbox`,
    logLevel: env.LOG_LEVEL,
  });
  say(`Debt Triage sandbox: ${sandbox.url}`);
  say('Open it in a browser; Ctrl-C stops it.');
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    await sandbox.stop().catch(() => undefined);
    await redis?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
} catch (error) {
  await redis?.stop();
  if (error instanceof NoRedis) fail(error.message);
  if (portBusy(error))
    fail(
      `Port ${env.PORT} is busy (another sandbox, or the app itself?). Pick another: PORT=3001 npm run sandbox`,
    );
  throw error;
}
