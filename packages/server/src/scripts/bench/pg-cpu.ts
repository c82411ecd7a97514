/**
 * PostgreSQL's CPU time, from /proc (Linux): the postmaster's own user + system time, plus that
 * of the children it has reaped (cutime, cstime: backends that exited), plus every live child
 * (a backend per connection, the checkpointer, autovacuum, ...). The sum only grows, so its
 * difference over a timed run is what PostgreSQL spent during it, whichever connection did
 * the work; background workers add a little noise. Nothing is read on other systems.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** Clock ticks per second of /proc's times (100 on Linux almost everywhere). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat { ppid: number; ticks: number }

/** ppid and utime + stime + cutime + cstime of one process, or undefined when it is gone. */
function stat(pid: number | string): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) is in parentheses and may hold spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i]);
    return { ppid: n(1), ticks: n(11) + n(12) + n(13) + n(14) };
  } catch {
    return undefined;
  }
}

/** The postmaster of the server `url` names, when it runs on this machine and /proc shows it. */
export async function findPostmaster(url: string): Promise<number | undefined> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const backend = stat(rows[0]!.pid);
    return backend && stat(backend.ppid) ? backend.ppid : undefined;
  } finally {
    await client.end();
  }
}

/** PostgreSQL's CPU time so far, in milliseconds. */
export function postgresCpuMs(postmaster: number): number {
  let ticks = stat(postmaster)?.ticks ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(entry);
    if (s?.ppid === postmaster) ticks += s.ticks;
  }
  return (ticks * 1000) / TICKS;
}
