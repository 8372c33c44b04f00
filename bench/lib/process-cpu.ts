// CPU time of other processes, for benchmarks that charge a server's work per request (Linux only).
//
// The figure is the scheduler's own run time of every thread (/proc/PID/task/TID/schedstat, field 1,
// in nanoseconds), not /proc/PID/stat's utime+stime: those are sampled at the 100 Hz tick, so a
// process busy 0.5 ms per request is charged in 10 ms lumps, and a 5-second round of a few hundred
// CPU-ms carries ±5–10 % of sampling noise alone. schedstat is exact. Both count user and system
// time, and every thread (a Node server's GC and JIT helper threads do real work for its requests).
// Where schedstat is missing (kernels without CONFIG_SCHEDSTATS) the sampled stat fields are used.
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: 100 on Linux for all mainstream architectures. */
const TICKS_PER_SECOND = 100;

function threadIds(pid: number): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

/** Milliseconds of CPU a process (all its live threads) has used so far; null when it is gone. */
export function processCpuMs(pid: number): number | null {
  const tids = threadIds(pid);
  if (tids.length === 0) return null;
  let ns = 0;
  try {
    for (const tid of tids) ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    return ns / 1e6;
  } catch {
    // No schedstat (or a thread ended meanwhile): the sampled figure for the whole process.
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    } catch {
      return null;
    }
  }
}

/** CPU ms so far of each process in `pids` (those still running). */
export function cpuOf(pids: readonly number[]): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of pids) {
    const ms = processCpuMs(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}

/** The pids whose parent is `parent` (for PostgreSQL: the postmaster's backends and workers). */
export function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === parent) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/**
 * CPU used between two readings by the processes of the second; a process that appeared between
 * them counts whole (a backend started for the round), one that ended is lost (none should).
 */
export function cpuSpent(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let spent = 0;
  for (const [pid, cpu] of after) spent += cpu - (before.get(pid) ?? 0);
  return spent;
}
