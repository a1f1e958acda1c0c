// What `npm run bench -- floor` runs against: the compiled app and the bare Bolt app as child processes, the
// app seeded with items, and the signed requests of each kind, built by the tests' own driver.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { voteActionId } from '../blocks/ids.ts';
import type { FakeSlack } from '../src/sandbox/fake-slack.ts';
import { createDriver, type OpenedView, SIGNING_SECRET } from '../test/support/driver.ts';
import { freePort } from '../test/support/ports.ts';
import type { Request } from './load.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CHANNEL = 'C0BENCH';
export const KINDS = ['list', 'modal', 'vote', 'submit'] as const;
export type Kind = (typeof KINDS)[number];

export interface Target {
  name: 'app' | 'floor';
  events: string;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts `node <script>` on a free port and waits for its /readyz 200. */
export async function startTarget(
  name: Target['name'],
  script: string,
  env: Record<string, string>,
): Promise<Target> {
  const port = await freePort();
  // BENCH_PROFILE_DIR: the app (not the floor) writes a V8 CPU profile there when it exits.
  const profile =
    process.env.BENCH_PROFILE_DIR && name === 'app'
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, join(ROOT, script)], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), METRICS_PORT: String(await freePort()), LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ok) break;
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${script} did not get ready:\n${output}`);
    }
    await sleep(20);
  }
  return { name, events: `http://127.0.0.1:${port}/slack/events`, stop };
}

/** Files `count` items in CHANNEL through the app's own command and modal; returns their numbers. */
export async function seed(fake: FakeSlack, app: Target, count: number) {
  const driver = createDriver(fake, app.events);
  const ids: number[] = [];
  for (let n = 0; n < count; n++)
    ids.push(
      await driver.file({ title: `Seeded item ${n}`, channelId: CHANNEL, severity: '3', frequency: '2' }),
    );
  // The filing modal as the app opens it: the template every view submission of the load fills in.
  const opens = fake.callsTo('views.open').length;
  await driver.command('', { channelId: CHANNEL });
  const template = await fake.waitFor(() => fake.callsTo('views.open').length > opens && driver.openedView());
  return { ids, template };
}

/**
 * The next request of each kind, with fresh response_url and trigger_id from the fake (Slack issues one per
 * request; a trigger_id is valid once, for 3 s). Bodies come from the tests' driver with a `post` that only
 * captures, so the load signs and sends them itself.
 */
export function requestMaker(fake: FakeSlack, ids: readonly number[], template: OpenedView) {
  // One capturing driver per request: requests are built concurrently, so a shared one would mix up bodies.
  const capture = () => {
    const sent = { body: '' };
    const driver = createDriver(fake, 'capture-only', async (body) => {
      sent.body = body;
      return { status: 200, text: '' };
    });
    return { driver, sent };
  };
  let votes = 0;
  let filings = 0;
  const makers: Record<Kind, () => Promise<Request>> = {
    list: async () => {
      const { driver, sent } = capture();
      const { responseUrl } = await driver.command('list', { channelId: CHANNEL });
      return { body: sent.body, tag: { responseUrl } };
    },
    modal: async () => {
      const { driver, sent } = capture();
      const { triggerId } = await driver.command('', { channelId: CHANNEL });
      return { body: sent.body, tag: { triggerId } };
    },
    vote: async () => {
      // 200 voters over the seeded items; the level moves on every 4,000 clicks, so a voter never clicks the same
      // option twice in a row (that would be a retraction, or a double click the app does not count).
      const { driver, sent } = capture();
      const n = votes++;
      const itemId = ids[n % ids.length] ?? 1;
      const level = 1 + (Math.floor(n / (ids.length * 200)) % 5);
      const { responseUrl } = await driver.click(voteActionId('severity', level), String(itemId), {
        userId: `U0V${Math.floor(n / ids.length) % 200}`,
        channelId: CHANNEL,
        blockId: 'debt_vote_severity',
      });
      return { body: sent.body, tag: { responseUrl, itemId } };
    },
    submit: async () => {
      // Each filing goes to a channel of its own: the listed channel keeps its items, and no channel's posting
      // pace (about one message a second) piles the cards up behind each other.
      const { driver, sent } = capture();
      const n = filings++;
      const values = { title: `Bench filing ${n}`, category: 'pipeline', channel: `C0S${n}`, severity: '3' };
      await driver.submit({ ...template, id: `VBENCH${n}` }, { ...values, frequency: '2' });
      return { body: sent.body, tag: {} };
    },
  };
  return makers;
}

export { SIGNING_SECRET };

/** The environment of a benchmarked process (the app or bare Bolt) talking to the fake Slack at `slackUrl`. */
export function benchAppEnv(slackUrl: string, redis: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slackUrl,
    ...redis,
  };
}

/** The commit measured, and whether the build in dist/ is older than the sources (then it is not what HEAD says). */
export function provenance() {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
  const newest = (dir: string): number =>
    readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .reduce((max, e) => Math.max(max, statSync(join(e.parentPath, e.name)).mtimeMs), 0);
  const built = statSync(join(ROOT, 'dist/bundle/main.js')).mtimeMs;
  const sources = Math.max(newest('src'), newest('blocks'), newest('jobs'));
  return {
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--', 'src', 'blocks', 'jobs') !== '',
    builtAt: new Date(built).toISOString(),
    distOlderThanSources: built < sources,
  };
}
