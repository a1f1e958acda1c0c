// npm run sandbox: the real app against a local stand-in for Slack, in a browser (SPEC §2.11). Never `npm start`:
// a production process that lost its tokens must fail, not serve a fake Slack.
import { fileURLToPath } from 'node:url';
import { loadSandboxConfig } from '../config.ts';
import { buildPageAssets } from './page-assets.ts';
import { NoRedis, type SandboxRedis, sandboxRedis } from './redis.ts';
import { startSandbox } from './sandbox.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const say = (line: string) => process.stdout.write(`${line}\n`);
const fail = (line: string): never => {
  process.stderr.write(`${line}\n`);
  process.exit(1);
};

function portBusy(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';
}

const loaded = loadSandboxConfig();
const env = loaded.config ?? fail(`Debt Triage sandbox cannot start: ${loaded.problems?.join('; ')}`);
const dataDir = env.dir ?? `${ROOT}.sandbox`;

let redis: SandboxRedis | undefined;
try {
  const assets = await buildPageAssets();
  redis = await sandboxRedis(env.redisUrl, dataDir, say);
  say(`Starting the Debt Triage sandbox (Redis: ${redis.origin})…`);
  const sandbox = await startSandbox({
    port: env.port,
    redisUrl: redis.url,
    prefix: env.prefix,
    assets,
    dataDir,
    logLevel: env.logLevel,
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
      `Port ${env.port} is busy (another sandbox, or the app itself?). Pick another: PORT=3001 npm run sandbox`,
    );
  throw error;
}
