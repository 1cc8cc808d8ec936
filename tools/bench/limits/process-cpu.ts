// CPU seconds (user + system) of processes from /proc/<pid>/stat, and of the PostgreSQL backends
// serving one application_name, so a load run can say what each process spent per request.
import { readFileSync } from 'node:fs';
import type { Pool } from 'pg';

/** USER_HZ: /proc reports utime and stime in clock ticks, 100 a second on Linux. */
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far (0 when it is gone or /proc is not there). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export interface CpuWatch {
  /** Named processes of this machine (api, the limit server, the load generator). */
  pids: Record<string, number[]>;
  /** application_name of the PostgreSQL backends to count, by label. */
  backends: Record<string, string>;
}

async function backendPids(pool: Pool, applicationName: string): Promise<number[]> {
  const { rows } = await pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`, [applicationName]);
  return rows.map((r) => r.pid);
}

/**
 * CPU seconds of each watched label spent while `work` ran. Backends are listed before and after
 * (a backend that started during the run counts from zero; one that ended during it is missed,
 * the pools here keep theirs). Backends are only readable when PostgreSQL runs on this machine.
 */
export async function cpuDuring<T>(pool: Pool, watch: CpuWatch, work: () => Promise<T>): Promise<{ value: T; cpu: Record<string, number> }> {
  const before = new Map<number, number>();
  const backendsBefore: Record<string, number[]> = {};
  for (const [label, app] of Object.entries(watch.backends)) backendsBefore[label] = await backendPids(pool, app);
  for (const pid of [...Object.values(watch.pids).flat(), ...Object.values(backendsBefore).flat()]) before.set(pid, cpuSecondsOf(pid));
  const value = await work();
  const cpu: Record<string, number> = {};
  const spent = (pids: number[]) => pids.reduce((sum, pid) => sum + Math.max(0, cpuSecondsOf(pid) - (before.get(pid) ?? 0)), 0);
  for (const [label, pids] of Object.entries(watch.pids)) cpu[label] = spent(pids);
  for (const [label, app] of Object.entries(watch.backends)) cpu[label] = spent([...new Set([...backendsBefore[label], ...(await backendPids(pool, app))])]);
  return { value, cpu };
}
