import type { ImportJob } from '@clockwork/shared-entities';
import { newTestService } from '@clockwork/server-core/testing';
import type { EntityManager } from 'typeorm';
import { ImportBatchService } from './import-batch.service';
import { ImportChunksRepository } from './import-chunks.repository';
import { ImportJobsRepository, LockedImport } from './import-jobs.repository';
import { ImportInterrupted, ImportRunner } from './import-runner.service';
import { checkRow } from './import-row.validator';

const job = (over: Partial<ImportJob> = {}): ImportJob =>
  ({ organizationId: 'o1', id: 'i1', kind: 'accounts', status: 'pending', mapping: { Name: 'name', Domain: 'domain' }, totalRows: null, processedRows: 0, createdBy: 'u1', createdByApiKeyId: null, ...over }) as ImportJob;

function setup(csv: string, importJob: ImportJob, locked: Partial<LockedImport> = {}) {
  const { sut: runner, mock } = newTestService(ImportRunner, { principal: null });
  const jobs = mock(ImportJobsRepository);
  jobs.find.mockResolvedValue(importJob);
  jobs.start.mockImplementation(async () => importJob.status === 'pending' || importJob.status === 'running');
  jobs.lock.mockResolvedValue({ status: 'running', processed_rows: importJob.processedRows, stored_errors: 0, ...locked } as LockedImport);
  // The file arrives in small chunks that split rows, as 1 MiB chunks do.
  const bytes = Buffer.from(csv);
  const chunks = mock(ImportChunksRepository);
  chunks.stream.mockImplementation(async function* () {
    for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
  });
  const batches = mock(ImportBatchService);
  // No custom fields: the rows are checked as checkRow checks them.
  batches.checkRows.mockImplementation(async (_m, kind, _o, mapping, batch) => {
    const checked = batch.map(({ row, record }) => ({ row, result: checkRow(kind, record, mapping, []) }));
    return {
      valid: checked.flatMap(({ row, result }) => (result.ok ? [{ row, values: result.values }] : [])),
      errors: checked.flatMap(({ row, result }) => (result.ok ? [] : result.problems.map((p) => ({ row, ...p })))),
    };
  });
  batches.plan.mockImplementation((async (_m: EntityManager, _k: string, _o: string, rows: { row: number }[]) => ({
    creates: rows.map((r) => ({ id: `n${r.row}` })),
    updates: [],
    outcomes: rows.map((r) => ({ row: r.row, action: 'create', id: `n${r.row}` })),
    records: [],
  })) as unknown as typeof batches.plan);
  return { runner, jobs, chunks, batches };
}

const CSV = 'Name,Domain\nAcme,acme.test\n,missing-name.test\nGlobex,globex.test\nInitech,bad domain\nHooli,hooli.test\n';

describe('ImportRunner', () => {
  it('counts the records, imports the good rows, reports the bad ones by row, then completes and drops the file', async () => {
    const { runner, jobs, batches, chunks } = setup(CSV, job());
    await expect(runner.run('o1', 'i1')).resolves.toBe('completed');
    expect(jobs.setTotal).toHaveBeenCalledWith('o1', 'i1', 5);
    const rows = (batches.plan.mock.calls[0][3] as { row: number; values: { name: string } }[]).map((r) => [r.row, r.values.name]);
    expect(rows).toEqual([
      [2, 'Acme'],
      [4, 'Globex'],
      [6, 'Hooli'],
    ]);
    expect(batches.plan.mock.calls[0][4]).toBe('u1');
    expect(batches.apply.mock.calls[0][2]).toEqual({ organizationId: 'o1', importId: 'i1', actor: { type: 'user', id: 'u1' } });
    expect(jobs.recordProgress).toHaveBeenCalledWith(expect.anything(), 'o1', 'i1', {
      processedRows: 5,
      created: 3,
      updated: 0,
      errors: 2,
      newErrors: [
        { row: 3, field: 'name', message: 'name should not be empty' },
        { row: 5, field: 'domain', message: 'domain must be a domain name such as acme.com' },
      ],
    });
    expect(jobs.complete).toHaveBeenCalled();
    expect(chunks.deleteAll).toHaveBeenCalledWith(expect.anything(), 'o1', 'i1');
  });

  it('resumes after the rows an earlier run committed, without counting again', async () => {
    const { runner, jobs, batches } = setup(CSV, job({ status: 'running', totalRows: 5, processedRows: 3 }));
    await expect(runner.run('o1', 'i1')).resolves.toBe('completed');
    expect(jobs.setTotal).not.toHaveBeenCalled();
    expect((batches.plan.mock.calls[0][3] as { row: number }[]).map((r) => r.row)).toEqual([6]);
    expect(jobs.recordProgress.mock.calls[0][3]).toMatchObject({ processedRows: 5, created: 1, errors: 1 });
  });

  it('stops without writing when another run committed the batch first', async () => {
    const { runner, jobs, batches } = setup(CSV, job(), { processed_rows: 5 });
    await expect(runner.run('o1', 'i1')).resolves.toBe('skipped');
    expect(batches.apply).not.toHaveBeenCalled();
    expect(jobs.recordProgress).not.toHaveBeenCalled();
    expect(jobs.complete).not.toHaveBeenCalled();
  });

  it('imports nothing for an import that already ended, and drops any piece of its file still kept', async () => {
    for (const status of ['completed', 'failed'] as const) {
      const { runner, batches, chunks } = setup(CSV, job({ status }));
      await expect(runner.run('o1', 'i1')).resolves.toBe('skipped');
      expect(batches.plan).not.toHaveBeenCalled();
      expect(chunks.deleteAll).toHaveBeenCalledWith(expect.anything(), 'o1', 'i1');
    }
  });

  it('fails the import with a readable reason when the file is not valid CSV', async () => {
    const { runner, jobs, chunks } = setup('Name,Domain\nAcme,acme.test\n"Broken,x\n', job());
    await expect(runner.run('o1', 'i1')).resolves.toBe('failed');
    expect(jobs.fail).toHaveBeenCalledWith(expect.anything(), 'o1', 'i1', expect.stringMatching(/^The file is not valid CSV: Quote Not Closed/));
    expect(chunks.deleteAll).toHaveBeenCalled();
  });

  it('keeps at most 1,000 row errors but counts them all', async () => {
    const { runner, jobs } = setup(CSV, job(), { stored_errors: 999 });
    await runner.run('o1', 'i1');
    expect(jobs.recordProgress.mock.calls[0][3]).toMatchObject({ errors: 2, newErrors: [{ row: 3 }] });
  });

  it('stops after the current batch when the worker shuts down, leaving the rest for the retry', async () => {
    const csv = ['Name', ...Array.from({ length: 1200 }, (_, i) => `Company ${i}`)].join('\n');
    const { runner, jobs } = setup(csv, job());
    const running = runner.run('o1', 'i1');
    runner.onModuleDestroy();
    await expect(running).rejects.toBeInstanceOf(ImportInterrupted);
    expect(jobs.recordProgress).toHaveBeenCalledTimes(1);
    expect(jobs.recordProgress.mock.calls[0][3]).toMatchObject({ processedRows: 500 });
    expect(jobs.complete).not.toHaveBeenCalled();
  });
});
