import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { RelayBatch } from './polling.relay';

/** A leasing relay's job: what it carries, and its job id without the lease token. */
export interface LeasedJob<Data> {
  data: Data;
  jobId: string;
}

/**
 * The batch of a relay that leases its rows rather than marking them dispatched: each group of
 * rows goes out as one job with a fresh lease token (its Bull job id ends with the token, so a
 * lease taken again once it ran out is a new job), and the claim writes each row's token
 * (`lease`, in the pass's transaction).
 */
export function leasedBatch<Row, Data>(
  groups: Row[][],
  job: (rows: Row[], token: string) => LeasedJob<Data>,
  lease: (manager: EntityManager, leased: (Row & { token: string })[]) => Promise<void>,
): RelayBatch<Data> {
  const jobs = groups.map((rows) => {
    const token = randomUUID();
    const { data, jobId } = job(rows, token);
    return { rows, token, data, jobId: `${jobId}:${token}` };
  });
  return {
    jobs: jobs.map(({ data, jobId }) => ({ data, opts: { jobId } })),
    record: (manager) => lease(manager, jobs.flatMap(({ rows, token }) => rows.map((r) => ({ ...r, token })))),
  };
}
