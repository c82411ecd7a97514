import { readFileSync } from 'node:fs';

/** The launchers between a user and a script: `npm run load` is npm → sh → npm → sh → node (tsx) → node. */
const LAUNCHERS = /^(npm|npm .*|node|sh|tsx|npx)$/;

/** Not gone and not a zombie: a killed launcher stays a zombie until its own parent reaps it, and `kill(pid, 0)` still finds it. */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
}

function parentOf(pid: number): { ppid: number; name: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    return { ppid: Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]), name };
  } catch {
    return null; // not Linux, or gone
  }
}

/**
 * Stops this script when whoever started it is gone (docs/hardening.md, "Faults"): killing
 * `npm run load` or `npm run import` (even with SIGKILL, which npm cannot pass on) used to
 * leave the script running underneath, and it committed. The launchers above this process
 * (npm, sh, tsx's node) are watched; when one of them exits, the script exits without
 * committing: its transaction is rolled back by PostgreSQL as the connection closes (and
 * load/sync.ts asks PostgreSQL to check for a vanished client every second).
 */
export function stopWithParent(what: string): void {
  const watched: number[] = [];
  let pid = process.ppid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    const info = parentOf(pid);
    // The user's own shell (or nohup, a terminal, CI's runner) is not watched: only what npm started.
    if (!info || !LAUNCHERS.test(info.name)) break;
    watched.push(pid);
    pid = info.ppid;
  }
  if (!watched.length) return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    // Our parent exiting makes us someone else's child at once, before it is reaped.
    const gone = process.ppid !== parent ? parent : watched.find((p) => !running(p));
    if (gone === undefined) return;
    clearInterval(timer);
    console.error(`\n${what} was stopped (process ${gone} that started it is gone): stopping, nothing of this run is committed.`);
    // As if stopped with Ctrl-C's sibling: the embedded PostgreSQL's handler shuts it down (db/embedded.ts).
    process.kill(process.pid, 'SIGTERM');
  }, 500);
  timer.unref();
}
