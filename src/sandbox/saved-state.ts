// The stand-in's workspace on disk (.sandbox/), so a restarted sandbox shows the cards of the items Redis kept.
// Saved a second after each change and on stop; tied to the Redis data by a run id both hold.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FakeSlack, parseSavedWorkspace, type SavedWorkspace } from './fake-slack.ts';

export interface SavedSandbox {
  /** Written with the same value to Redis when the workspace was seeded or emptied. */
  runId: string;
  workspace: SavedWorkspace;
}

const SAVE_DELAY_MS = 1000;

export function savedPath(dir: string, prefix: string): string {
  return join(dir, `${prefix.replace(/[^A-Za-z0-9_.-]/g, '_')}.slack.json`);
}

/** The saved sandbox, or null when there is none or it is not one this version wrote (the demo starts afresh). */
export function readSaved(path: string): SavedSandbox | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || !('runId' in raw) || typeof raw.runId !== 'string')
    return null;
  const workspace = 'workspace' in raw ? parseSavedWorkspace(raw.workspace) : null;
  return workspace ? { runId: raw.runId, workspace } : null;
}

function write(path: string, saved: SavedSandbox): void {
  mkdirSync(join(path, '..'), { recursive: true });
  // Written aside and renamed: a crash mid-write leaves the previous file whole.
  writeFileSync(`${path}.tmp`, JSON.stringify(saved));
  renameSync(`${path}.tmp`, path);
}

/** Saves the workspace a second after changes stop arriving; `flush` saves now (on stop and after a reset). */
export function autosave(fake: FakeSlack, path: string, runId: () => string) {
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    try {
      write(path, { runId: runId(), workspace: fake.saveWorkspace() });
    } catch (error) {
      process.stderr.write(
        `sandbox: could not save ${path}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
    }
  };
  const unsubscribe = fake.onChange(() => {
    timer ??= setTimeout(flush, SAVE_DELAY_MS);
  });
  return {
    flush,
    stop() {
      unsubscribe();
      flush();
    },
  };
}
