import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { ImportJob, ImportRowError } from '@clockwork/shared-entities';
import { CsvRecord, countRecords, isCsvError, openCsv } from './import-csv.parser';
import { ImportBatchService } from './import-batch.service';
import { ImportChunksRepository } from './import-chunks.repository';
import { ImportJobsRepository } from './import-jobs.repository';
import type { ImportActor } from './import-records.repository';
import { rowNumber } from './import-row.validator';

/** Records per batch: one transaction, a handful of set-based statements. */
export const IMPORT_BATCH_SIZE = 500;
/** Row errors kept on the import (all are counted). */
export const MAX_STORED_ERRORS = 1000;

export type RunOutcome = 'completed' | 'failed' | 'skipped';

/** Another run of the same import committed this batch first: this run stops, nothing written. */
class Superseded extends Error {}

/** The worker is shutting down: the run stops between batches and Bull retries it (it resumes). */
export class ImportInterrupted extends Error {
  constructor() {
    super('The worker stopped; the import resumes after its last committed batch');
  }
}

/**
 * Runs an import in the worker: counts the records, then streams the CSV out of import_chunks
 * through csv-parse in batches of IMPORT_BATCH_SIZE. Each batch is one transaction that also
 * moves the import's resume point (processed_rows), so a run that restarts after a crash skips
 * what was committed and never writes a record twice; two runs of one import cannot both
 * commit the same batch. Memory holds one chunk and one batch, whatever the file's size.
 */
@Injectable()
export class ImportRunner implements OnModuleDestroy {
  private readonly logger = new Logger(ImportRunner.name);
  private stopping = false;

  constructor(
    private readonly jobs: ImportJobsRepository,
    private readonly chunks: ImportChunksRepository,
    private readonly batches: ImportBatchService,
  ) {}

  /** Called before Bull closes its queues: a running import stops after its current batch. */
  onModuleDestroy(): void {
    this.stopping = true;
  }

  async run(organizationId: string, importId: string): Promise<RunOutcome> {
    const job = await this.jobs.find(organizationId, importId);
    if (!job) return 'skipped';
    if (!(await this.jobs.start(organizationId, importId))) {
      // Already ended: its file must not outlive it (e.g. a chunk left by a run that died mid-way).
      await this.jobs.transaction((m) => this.chunks.deleteAll(m, organizationId, importId));
      return 'skipped';
    }
    try {
      if (job.totalRows === null) await this.jobs.setTotal(organizationId, importId, await countRecords(this.chunks.stream(organizationId, importId)));
      await this.importRows(job);
    } catch (e) {
      if (e instanceof Superseded) return 'skipped';
      if (isCsvError(e)) {
        await this.fail(organizationId, importId, `The file is not valid CSV: ${e.message}`);
        return 'failed';
      }
      throw e; // Bull retries; the next run resumes after the last committed batch.
    }
    await this.jobs.transaction(async (m) => {
      await this.jobs.complete(m, organizationId, importId);
      await this.chunks.deleteAll(m, organizationId, importId);
    });
    return 'completed';
  }

  /** Marks the import failed (keeping what it imported) and drops its file. */
  async fail(organizationId: string, importId: string, failure: string): Promise<void> {
    this.logger.warn(`Import ${importId} failed: ${failure}`);
    await this.jobs.transaction(async (m) => {
      await this.jobs.fail(m, organizationId, importId, failure);
      await this.chunks.deleteAll(m, organizationId, importId);
    });
  }

  private async importRows(job: ImportJob): Promise<void> {
    const actor: ImportActor = job.createdBy ? { type: 'user', id: job.createdBy } : job.createdByApiKeyId ? { type: 'api_key', id: job.createdByApiKeyId } : { type: 'system', id: null };
    const state = { done: job.processedRows };
    let index = 0;
    let batch: { row: number; record: CsvRecord }[] = [];
    for await (const record of openCsv(this.chunks.stream(job.organizationId, job.id))) {
      index++;
      if (index <= job.processedRows) continue; // committed by an earlier run
      batch.push({ row: rowNumber(index), record: record as CsvRecord });
      if (batch.length >= IMPORT_BATCH_SIZE) {
        await this.writeBatch(job, actor, state, batch);
        batch = [];
        if (this.stopping) throw new ImportInterrupted();
      }
    }
    if (batch.length) await this.writeBatch(job, actor, state, batch);
  }

  private async writeBatch(job: ImportJob, actor: ImportActor, state: { done: number }, batch: { row: number; record: CsvRecord }[]): Promise<void> {
    const ownerId = actor.type === 'user' ? actor.id : null;
    await this.jobs.transaction(async (m) => {
      const locked = await this.jobs.lock(m, job.organizationId, job.id);
      if (!locked || locked.status !== 'running' || locked.processed_rows !== state.done) throw new Superseded();
      await this.batches.lock(m, job.organizationId, job.kind);
      // Checked in the batch's transaction, against the custom fields live now.
      const checked = await this.batches.checkRows(m, job.kind, job.organizationId, job.mapping, batch);
      const valid = checked.valid;
      const errors: ImportRowError[] = checked.errors.map((e) => ({ row: e.row, field: e.field ?? undefined, message: e.message }));
      const rejectedRows = new Set(errors.map((e) => e.row)).size;
      const plan = await this.batches.plan(m, job.kind, job.organizationId, valid, ownerId, true);
      await this.batches.apply(m, job.kind, { organizationId: job.organizationId, importId: job.id, actor }, plan);
      await this.jobs.recordProgress(m, job.organizationId, job.id, {
        processedRows: state.done + batch.length,
        created: plan.creates.length,
        updated: plan.outcomes.length - plan.creates.length,
        errors: rejectedRows,
        newErrors: errors.slice(0, Math.max(0, MAX_STORED_ERRORS - locked.stored_errors)),
      });
    });
    state.done += batch.length;
  }
}
