// One sandbox: the stand-in for Slack with the team's workspace, the real app against it, the page's server,
// and the reset that starts the app afresh on an empty or demo workspace.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { Runtime } from '../deps.ts';
import { type SandboxApp, startSandboxApp } from './app-runner.ts';
import { deleteByPrefix } from './delete-by-prefix.ts';
import { seedDemoWorkspace } from './demo-data.ts';
import { BOT_USER_ID, FakeSlack } from './fake-slack.ts';
import { readManifestShortcuts } from './manifest-shortcuts.ts';
import type { PageAssets } from './page-assets.ts';
import { autosave, readSaved, savedPath } from './saved-state.ts';
import { createSandboxServer } from './server.ts';
import { NotReady, SandboxRefusal, SandboxSession } from './session.ts';
import { CHANNEL_SPECS, PEOPLE, SANDBOX_TEAM } from './workspace.ts';

const MANIFEST = fileURLToPath(new URL('../../manifest.yml', import.meta.url));

export interface SandboxOptions {
  port: number;
  redisUrl: string;
  /** Every key the sandbox's app writes starts with it; a reset deletes exactly these. */
  prefix: string;
  assets: PageAssets;
  /** Where the stand-in's workspace is saved between runs (.sandbox/). */
  dataDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export interface Sandbox {
  url: string;
  session: SandboxSession;
  stop(): Promise<void>;
}

/** The run id a seeded (or emptied) workspace leaves in Redis; the saved stand-in workspace carries the same. */
const STARTING = 'The sandbox is still starting.';
const RESETTING = 'The sandbox is resetting; try again in a moment.';
/** The stand-in's call log is for tests; the sandbox keeps only the latest calls, for error messages. */
const RECENT_CALLS = 200;

const seededKey = (prefix: string) => `${prefix}:sandbox:seeded`;

function setUpWorkspace(fake: FakeSlack): void {
  fake.setUser(BOT_USER_ID, { name: 'debt-triage', real_name: 'Debt Triage', is_bot: true });
  for (const p of PEOPLE)
    fake.setUser(p.id, { name: p.name, real_name: p.real_name, tz: p.tz, is_admin: p.is_admin });
  for (const c of CHANNEL_SPECS)
    fake.setChannel(c.id, {
      name: c.name,
      is_private: c.is_private,
      is_member: true,
      ...(c.members ? { members: c.members } : {}),
    });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, 'localhost', () => done((server.address() as AddressInfo).port));
  });
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  let session: SandboxSession | undefined;
  let reset: (demo: boolean) => Promise<string> = async () => {
    throw new NotReady(STARTING);
  };
  // Bound first, so a busy port is reported before anything else starts.
  const server = createSandboxServer(options.assets, {
    session: () => {
      if (!session) throw new NotReady(STARTING);
      return session;
    },
    reset: (demo) => reset(demo),
  });
  const port = await listen(server, options.port);
  const closeServer = async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  };

  const fake = await FakeSlack.start({
    teamId: SANDBOX_TEAM,
    manifestPath: MANIFEST,
    // A long session must not keep every call's arguments: the page never reads them.
    recordCalls: RECENT_CALLS,
  });
  setUpWorkspace(fake);
  const admin = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  const startApp = (prepare?: (deps: Runtime) => Promise<void>) =>
    startSandboxApp(
      { fake, redisUrl: options.redisUrl, prefix: options.prefix, logLevel: options.logLevel },
      prepare,
    );
  let app: SandboxApp | undefined;
  const current = new SandboxSession(
    fake,
    () => {
      if (!app) throw new NotReady(current.resetting ? RESETTING : STARTING);
      return app;
    },
    readManifestShortcuts(MANIFEST),
  );
  const file = savedPath(options.dataDir, options.prefix);
  let runId = '';
  const saver = autosave(fake, file, () => runId);

  reset = async (demo: boolean): Promise<string> => {
    if (current.resetting) throw new SandboxRefusal('A reset is already under way.');
    current.resetting = true;
    try {
      await app?.stop();
      app = undefined;
      await deleteByPrefix(admin, `${options.prefix}:`);
      fake.resetWorkspace();
      setUpWorkspace(fake);
      current.renewed();
      let said = 'The workspace is empty: file the first item with /debt.';
      app = await startApp(async (deps) => {
        if (!demo) return;
        const summary = await seedDemoWorkspace(deps);
        said = `Demo backlog: ${summary.items} items (${summary.open} open, ${summary.resolved} resolved), ${summary.votes} votes, ${summary.weeks} weeks of history.`;
      });
      runId = randomUUID();
      await admin.set(seededKey(options.prefix), runId);
      saver.flush();
      current.notify('info', said);
      return said;
    } finally {
      current.resetting = false;
    }
  };
  const shutDown = async () => {
    // Saved after the app stops: what it finished posting while draining belongs in the saved workspace.
    await app?.stop();
    saver.stop();
    await fake.close();
    admin.disconnect();
    await closeServer();
  };

  try {
    // The cards live in the stand-in, the items in Redis: an earlier run's workspace comes back only when both
    // are from the same run; otherwise the demo backlog starts afresh. Restored before the app starts, so jobs
    // already due (a digest slot missed while the sandbox was down) run against the restored messages.
    const restoredRun = restored(fake, file, await admin.get(seededKey(options.prefix)));
    if (restoredRun !== null) {
      runId = restoredRun;
      app = await startApp();
    } else await reset(true);
  } catch (error) {
    await shutDown();
    throw error;
  }
  session = current;
  return { url: `http://localhost:${port}`, session: current, stop: shutDown };
}

/** Restores the saved workspace when it belongs to the Redis data; its run id, or null when it cannot. */
function restored(fake: FakeSlack, file: string, marker: string | null): string | null {
  const saved = readSaved(file);
  if (!saved || marker === null || marker !== saved.runId) return null;
  try {
    fake.restoreWorkspace(saved.workspace);
    return saved.runId;
  } catch (error) {
    process.stderr.write(
      `sandbox: the saved workspace in ${file} could not be restored (${error instanceof Error ? error.message : String(error)}); starting from the demo backlog\n`,
    );
    return null;
  }
}
