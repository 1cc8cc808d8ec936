import type { EntityManager } from 'typeorm';
import { leasedBatch } from './leased-batch.builder';

describe('leasedBatch', () => {
  const groups = [[{ id: 'a' }, { id: 'b' }], [{ id: 'c' }]];

  it('gives each group one job with a fresh lease token at the end of its job id', () => {
    const batch = leasedBatch(groups, (rows, token) => ({ data: { ids: rows.map((r) => r.id), token }, jobId: rows[0].id }), async () => undefined);
    expect(batch.jobs).toHaveLength(2);
    const [first, second] = batch.jobs;
    expect(first.data.ids).toEqual(['a', 'b']);
    expect(first.opts.jobId).toBe(`a:${first.data.token}`);
    expect(second.opts.jobId).toBe(`c:${second.data.token}`);
    expect(first.data.token).not.toBe(second.data.token);
  });

  it("records the claim by writing each row its job's token, in the pass's transaction", async () => {
    const lease = jest.fn(async (_manager: EntityManager, _leased: { id: string; token: string }[]) => undefined);
    const batch = leasedBatch(groups, (rows, token) => ({ data: token, jobId: rows[0].id }), lease);
    const manager = {} as EntityManager;
    await batch.record(manager);
    const [tokenAB, tokenC] = batch.jobs.map((j) => j.data);
    expect(lease).toHaveBeenCalledWith(manager, [
      { id: 'a', token: tokenAB },
      { id: 'b', token: tokenAB },
      { id: 'c', token: tokenC },
    ]);
  });
});
