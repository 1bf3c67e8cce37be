import type { Pool } from '@kizuna/db';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Seconds a process ran on a CPU and seconds it was runnable but waited for one, over all its
 * threads (/proc/<pid>/task/<tid>/schedstat: run time and run-queue wait in nanoseconds; the
 * kernel's sched-stats documentation). Waiting as long as running means the machine's cores, not
 * the process, set the pace.
 */
export function schedstat(pid: number): { running: number; waiting: number } {
  let running = 0;
  let waiting = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      const [run, wait] = readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ');
      running += Number(run) / 1e9;
      waiting += Number(wait) / 1e9;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return { running, waiting };
}

/** Peak resident memory of a process, in MB (VmHWM in /proc/<pid>/status). */
export function peakMegabytes(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

/** CPU seconds of the PostgreSQL backends serving the pool's database (other than the asking one), by pid. */
export async function backendCpu(pool: Pool): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
  );
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      cpu.set(pid, schedstat(pid).running);
    } catch {
      // The backend ended meanwhile.
    }
  }
  return cpu;
}

/** CPU seconds the backends used since `before` (backends that ended meanwhile are missed). */
export async function backendCpuSince(pool: Pool, before: Map<number, number>): Promise<number> {
  let total = 0;
  for (const [pid, cpu] of await backendCpu(pool)) total += cpu - (before.get(pid) ?? 0);
  return total;
}

/**
 * Samples what the database's backends are doing every 100 ms until stopped: running (on a CPU
 * or waiting for one: PostgreSQL cannot tell), waiting on a lock, on I/O, or idle inside a
 * transaction (waiting for the client). Returns backend-samples per state.
 */
export function sampleBackends(pool: Pool): { stop(): Promise<Record<string, number>> } {
  const counts: Record<string, number> = {};
  const sampling = { on: true };
  const loop = (async () => {
    while (sampling.on) {
      const { rows } = await pool.query<{ what: string; n: number }>(
        `SELECT CASE WHEN state = 'idle in transaction' THEN 'idle in transaction (client)'
                     WHEN wait_event_type IS NULL THEN 'running'
                     ELSE wait_event_type || ':' || wait_event END AS what, count(*)::integer AS n
         FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
         GROUP BY 1`,
      );
      for (const { what, n } of rows) counts[what] = (counts[what] ?? 0) + n;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    stop: async () => {
      sampling.on = false;
      await loop;
      return counts;
    },
  };
}
