// SIGTERM on real processes (SPEC §3.1, decision 0018): /readyz turns 503 at once, new Slack requests are refused,
// the request and the job in progress finish, then exit 0; nothing acknowledged is lost. A process running only
// workers serves its probes and metrics on METRICS_PORT; a busy port stops the start with a clear message.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { createDeps, type Runtime } from '../src/deps.ts';
import { createLogger } from '../src/lib/logger.ts';
import { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { postToApp, slashCommandBody } from '../src/sandbox/sign.ts';
import { createDriver, SIGNING_SECRET, TEAM } from './support/driver.ts';
import { deleteByPrefix, TEST_REDIS_ENV, testPrefix } from './support/redis.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

interface AppProcess {
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
  /** Resolves with the first log line whose `msg` is `msg`. */
  line(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
}

function spawnApp(script: 'main' | 'worker', env: Record<string, string>): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', `src/${script}.ts`], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  const waiting: { msg: string; resolve: (l: Record<string, unknown>) => void }[] = [];
  const parsed: Record<string, unknown>[] = [];
  if (child.stderr)
    createInterface({ input: child.stderr }).on('line', (text) => {
      log.push(text);
      try {
        const entry = JSON.parse(text) as Record<string, unknown>;
        parsed.push(entry);
        for (const w of waiting.filter((x) => x.msg === entry.msg)) w.resolve(entry);
      } catch {
        // not JSON: kept in `log` for the failure message
      }
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    log,
    exited,
    line(msg, timeoutMs = 30_000) {
      const found = parsed.find((e) => e.msg === msg);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${msg}" line:\n${log.join('\n')}`)), timeoutMs);
        waiting.push({
          msg,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
        void exited.then((code) =>
          reject(new Error(`exited with ${code} before "${msg}":\n${log.join('\n')}`)),
        );
      });
    },
  };
}

async function status(url: string): Promise<number | 'refused'> {
  try {
    const res = await fetch(url);
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 'refused';
  }
}

async function until<T>(what: () => Promise<T | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const got = await what();
    if (got !== false) return got;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('timed out');
}

/** A TCP port held by someone else. */
async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, server };
}

describe('shutdown and probes of real processes', () => {
  let fake: FakeSlack;
  let prefix: string;
  let deps: Runtime;
  const env = () => ({
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.url,
    REDIS_PREFIX: prefix,
    ...TEST_REDIS_ENV,
  });

  beforeAll(async () => {
    fake = await FakeSlack.start({ teamId: TEAM });
    prefix = testPrefix('shutdown');
    deps = createDeps(loadConfig({ ...env(), PORT: '0' }), { logger: createLogger('error') });
    await deps.ready();
  });
  afterAll(async () => {
    await deleteByPrefix(deps.redis, prefix);
    await deps.close();
    await fake.close();
  });

  it('on SIGTERM answers 503 at once, refuses new requests, finishes a filing and a job in progress, exits 0', async () => {
    const app = spawnApp('main', { ...env(), PORT: '0', METRICS_PORT: '0' });
    const { port } = await app.line('listening for Slack over HTTP');
    const origin = `http://127.0.0.1:${String(port)}`;
    const events = `${origin}/slack/events`;
    await until(async () => (await status(`${origin}/readyz`)) === 200);
    const driver = createDriver(fake, events);
    const first = await driver.file({ title: 'Retraining is a manual notebook run' });

    // Background load: list commands all along, counted by answer.
    const answers = new Map<string, number>();
    let loading = true;
    const load = (async () => {
      const body = () =>
        slashCommandBody({
          team_id: TEAM,
          channel_id: 'C0TEAM',
          user_id: 'U0LOAD',
          text: 'list',
          trigger_id: fake.issueTriggerId(),
          response_url: fake.issueResponseUrl(),
        });
      while (loading) {
        const answer = await postToApp(events, SIGNING_SECRET, body()).then(
          (r) => String(r.status),
          () => 'refused',
        );
        answers.set(answer, (answers.get(answer) ?? 0) + 1);
      }
    })();

    // A job in progress: the vote's card refresh, its chat.update held by Slack.
    const update = fake.hold('chat.update');
    const click = await driver.click('debt_vote:severity:3', String(first), {
      userId: 'U0VOTE',
      blockId: 'debt_vote_severity',
    });
    expect(click.response.status).toBe(200);
    await update.held;

    // A request in progress: a filing acknowledged (saved), its card post held by Slack.
    const opens = fake.callsTo('views.open').length;
    await driver.command('', { userId: 'U0ALICE', channelId: 'C0TEAM' });
    await fake.waitFor(() => fake.callsTo('views.open').length > opens);
    const card = fake.hold('chat.postMessage');
    const ack = await driver.submit(driver.openedView(), {
      title: 'Feature pipeline has no backfill',
      category: 'data',
      channel: 'C0TEAM',
    });
    expect(ack).toMatchObject({ status: 200, text: '' });
    const held = await card.held;
    const second = Number(/DEBT-(\d+)/.exec(JSON.stringify(held.args))?.[1]);
    expect(second).toBe(first + 1);

    app.child.kill('SIGTERM');
    // Readiness fails at once, while the filing and the job are still held up.
    expect(await until(async () => (await status(`${origin}/readyz`)) === 503 && 503, 2000)).toBe(503);
    expect(await status(`${origin}/healthz`)).toBe(200);
    const late = await postToApp(
      events,
      SIGNING_SECRET,
      slashCommandBody({
        team_id: TEAM,
        channel_id: 'C0TEAM',
        user_id: 'U0LATE',
        text: 'help',
        trigger_id: fake.issueTriggerId(),
        response_url: fake.issueResponseUrl(),
      }),
    );
    expect(late.status).toBe(503);
    expect(app.child.exitCode).toBeNull();

    card.release();
    update.release();
    expect(await app.exited).toBe(0);
    loading = false;
    await load;

    // The filing acknowledged before SIGTERM is saved and published: card stored, nothing left for the sweep.
    const item = await deps.items.require(TEAM, second);
    expect(item.title).toBe('Feature pipeline has no backfill');
    expect(item.card?.ts).toBeTruthy();
    expect(await deps.redis.zscore(deps.keys.unpublished, `${TEAM}:${second}`)).toBeNull();
    // The held refresh finished: no job left active or failed.
    const counts = await deps.cardQueue.getJobCounts('active', 'failed');
    expect(counts).toEqual({ active: 0, failed: 0 });
    // Under load, every request was answered (200), refused while draining (503), or found the port closed.
    expect([...answers.keys()].every((a) => ['200', '503', 'refused'].includes(a))).toBe(true);
    expect(answers.get('200') ?? 0).toBeGreaterThan(0);
    const stopped = JSON.parse(app.log.find((l) => l.includes('"stopped"')) ?? '{}');
    expect(stopped).toMatchObject({ signal: 'SIGTERM', drained: true });
  }, 60_000);

  it('a worker-only process serves /healthz, /readyz and /metrics on METRICS_PORT and exits 0 on SIGTERM', async () => {
    const worker = spawnApp('worker', { ...env(), METRICS_PORT: '0', PORT: '1' });
    const { port } = await worker.line('serving health checks and metrics');
    await worker.line('workers started');
    const origin = `http://127.0.0.1:${String(port)}`;
    expect(await status(`${origin}/healthz`)).toBe(200);
    expect(await until(async () => (await status(`${origin}/readyz`)) === 200 && 200)).toBe(200);
    const metrics = await (await fetch(`${origin}/metrics`)).text();
    expect(metrics).toMatch(/^bullmq_job_count\{queue="cards",state="active"\} \d+$/m);
    expect(metrics).toMatch(/^debt_triage_slack_api_calls_total\{method="auth.test",outcome="ok"\} 1$/m);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
  }, 60_000);

  it.each([
    ['worker', 'METRICS_PORT'],
    ['main', 'PORT'],
  ] as const)(
    '%s: a busy %s stops the start with a message naming it',
    async (script, variable) => {
      const { port, server } = await occupiedPort();
      try {
        const other: Record<string, string> = variable === 'PORT' ? { METRICS_PORT: '0' } : { PORT: '0' };
        const app = spawnApp(script, { ...env(), ...other, [variable]: String(port) });
        expect(await app.exited).toBe(1);
        expect(app.log.join('\n')).toContain(
          `${variable}=${port} is already in use by another process. Set ${variable} to a free port.`,
        );
      } finally {
        server.close();
      }
    },
    60_000,
  );
});
