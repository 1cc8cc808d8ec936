// 6. Memory: peak resident set (VmHWM from /proc/<pid>/status) of every api and worker process
// over the whole run, against its resident set right after it became ready. Runs last.
import { ResultRow, round, Scenario } from '../scenario';
import { AppProcess, memoryOf } from '../stack';

const MB = 1024 * 1024;

function row(role: 'api' | 'worker', processes: AppProcess[]): ResultRow {
  const peaks = processes.map((p) => ({ name: p.name, peak: memoryOf(p.child.pid).peak, idle: p.idleRss }));
  const top = peaks.reduce((a, b) => (b.peak > a.peak ? b : a));
  return {
    scenario: 'memory',
    // the same name with one process or several (`--compare`); the note lists each process
    metric: `peak RSS of the ${role} (largest process)`,
    unit: 'MB',
    measured: round(top.peak / MB, 0),
    baseline: round(top.idle / MB, 0),
    baselineLabel: 'RSS when ready (idle)',
    ratio: top.idle ? round(top.peak / top.idle, 2) : null,
    targets: [],
    pass: top.peak > 0 ? null : false,
    note: peaks.map((p) => `${p.name} ${round(p.peak / MB, 0)} MB`).join(', '),
  };
}

export const memory: Scenario = {
  id: 'memory',
  title: 'Memory',
  async run(ctx) {
    return [row('api', ctx.stack.apis), row('worker', ctx.stack.workers)];
  },
};
