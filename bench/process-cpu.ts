// CPU time a benchmark's child process has used, from Linux's /proc: a per-request cost that other load on the
// machine distorts far less than latency does (it counts only the child's own work, not its waiting).
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux everywhere that matters). */
const TICKS_PER_SECOND = 100;

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // The process exited between listing /proc and reading it: not one of ours any more.
    return null;
  }
};

/** The pid of this process's child whose command line contains `script`, or null (not Linux, not found). */
export function childPid(script: string): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return null;
  }
  for (const pid of entries) {
    const status = read(`/proc/${pid}/status`);
    const parent = status && /^PPid:\s+(\d+)$/m.exec(status)?.[1];
    if (Number(parent) !== process.pid) continue;
    if (read(`/proc/${pid}/cmdline`)?.includes(script)) return Number(pid);
  }
  return null;
}

/** User plus system CPU milliseconds `pid` has used so far, or NaN when it cannot be read. */
export function cpuMs(pid: number | null): number {
  const stat = pid === null ? null : read(`/proc/${pid}/stat`);
  if (!stat) return Number.NaN;
  // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14th, 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
