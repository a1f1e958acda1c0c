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
import { autosave, readSaved, savedPath } from './saved-state.ts';
import { createSandboxServer, type PageAssets } from './server.ts';
import { SandboxRefusal, SandboxSession } from './session.ts';
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
    throw new SandboxRefusal('The sandbox is still starting.');
  };
  // Bound first, so a busy port is reported before anything else starts.
  const server = createSandboxServer(options.assets, {
    session: () => {
      if (!session) throw new SandboxRefusal('The sandbox is still starting.');
      return session;
    },
    reset: (demo) => reset(demo),
  });
  const port = await listen(server, options.port);
  const closeServer = async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  };

  const fake = await FakeSlack.start({ teamId: SANDBOX_TEAM, manifestPath: MANIFEST });
  setUpWorkspace(fake);
  const startApp = (prepare?: (deps: Runtime) => Promise<void>) =>
    startSandboxApp(
      { fake, redisUrl: options.redisUrl, prefix: options.prefix, logLevel: options.logLevel },
      prepare,
    );
  let app: SandboxApp;
  try {
    app = await startApp();
  } catch (error) {
    await fake.close();
    await closeServer();
    throw error;
  }
  const current = new SandboxSession(fake, () => app, readManifestShortcuts(MANIFEST));
  const admin = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  admin.on('error', () => undefined);
  const file = savedPath(options.dataDir, options.prefix);
  let runId = '';
  const saver = autosave(fake, file, () => runId);
  let resetting = false;
  reset = async (demo: boolean): Promise<string> => {
    if (resetting) throw new SandboxRefusal('A reset is already under way.');
    resetting = true;
    try {
      await app.stop();
      await deleteByPrefix(admin, `${options.prefix}:`);
      fake.resetWorkspace();
      setUpWorkspace(fake);
      current.viewErrors.clear();
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
      resetting = false;
    }
  };
  const shutDown = async () => {
    // Saved after the app stops: what it finished posting while draining belongs in the saved workspace.
    await app.stop();
    saver.stop();
    await fake.close();
    admin.disconnect();
    await closeServer();
  };

  try {
    // The cards live in the stand-in, the items in Redis: an earlier run's workspace comes back only when both
    // are from the same run; otherwise the demo backlog starts afresh.
    const saved = readSaved(file);
    const marker = await admin.get(seededKey(options.prefix));
    if (saved && marker === saved.runId) {
      runId = saved.runId;
      fake.restoreWorkspace(saved.workspace);
    } else await reset(true);
  } catch (error) {
    await shutDown();
    throw error;
  }
  session = current;
  return { url: `http://localhost:${port}`, session: current, stop: shutDown };
}
