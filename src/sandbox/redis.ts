// Redis for the sandbox (SPEC §2.11): REDIS_URL if it answers; else a private redis-server on a free port with
// its data under .sandbox/ (kept between runs); else a message saying how to get one.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './free-port.ts';

export interface SandboxRedis {
  url: string;
  /** Where it came from, for the start-up banner. */
  origin: string;
  stop(): Promise<void>;
}

export class NoRedis extends Error {}

const HOW_TO_GET_REDIS = [
  'Install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) and run',
  'npm run sandbox again (it starts a private redis-server itself), or point it at a running Redis:',
  '  REDIS_URL=redis://127.0.0.1:6379 npm run sandbox',
].join('\n');

/** True when a PING at `url` gets an answer within 2 s. */
export async function answers(url: string): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

/** Where the private server's port is noted, so a server left behind by a killed sandbox is found again. */
const portFile = (dataDir: string) => join(dataDir, 'redis.port');

/**
 * A private server an earlier sandbox left running (killed with SIGKILL, say): reused rather than a second server
 * started on the same AOF directory. Stopped with SHUTDOWN, which writes its AOF out first.
 */
async function leftRunning(dataDir: string): Promise<SandboxRedis | null> {
  let port: number;
  try {
    port = Number(readFileSync(portFile(dataDir), 'utf8').trim());
  } catch {
    return null;
  }
  const url = `redis://127.0.0.1:${port}`;
  if (!Number.isInteger(port) || !(await answers(url))) return null;
  return {
    url,
    origin: `the private redis-server left running on port ${port}, data in ${dataDir}`,
    async stop() {
      const admin = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
      admin.on('error', () => undefined);
      await admin.call('SHUTDOWN').catch(() => undefined);
      admin.disconnect();
      rmSync(portFile(dataDir), { force: true });
    },
  };
}

/** `given`: the REDIS_URL that did not answer, so the message says what was tried rather than "not set". */
async function startPrivate(dataDir: string, given: string | undefined): Promise<SandboxRedis> {
  mkdirSync(dataDir, { recursive: true });
  const reused = await leftRunning(dataDir);
  if (reused) return reused;
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  // Append-only, so a backlog built in the sandbox survives a restart; loopback only.
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dataDir,
    '--appendonly',
    'yes',
    '--save',
    '',
  ];
  const child: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const started = await new Promise<boolean>((done) => {
    child.once('error', () => done(false));
    child.once('spawn', () => done(true));
  });
  if (!started) {
    const tried = given ? `REDIS_URL=${given} does not answer` : 'REDIS_URL is not set';
    throw new NoRedis(`No Redis: ${tried} and redis-server is not installed.\n${HOW_TO_GET_REDIS}`);
  }
  // However this process ends (an uncaught error included), its server does not outlive it.
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) {
      writeFileSync(portFile(dataDir), `${port}\n`);
      return {
        url,
        origin: `a private redis-server on port ${port}, data in ${dataDir}`,
        stop: () =>
          new Promise((done) => {
            process.off('exit', killOnExit);
            rmSync(portFile(dataDir), { force: true });
            if (exited()) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      };
    }
    if (exited()) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new NoRedis(`redis-server did not start on port ${port}.\n${HOW_TO_GET_REDIS}`);
}

export async function sandboxRedis(
  given: string | undefined,
  dataDir: string,
  say: (line: string) => void,
): Promise<SandboxRedis> {
  if (given) {
    if (await answers(given))
      return { url: given, origin: `REDIS_URL (${given})`, stop: async () => undefined };
    say(`REDIS_URL=${given} does not answer; starting a private redis-server instead.`);
  }
  return startPrivate(resolve(dataDir), given);
}
