import { HttpException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { RequestContext, type Principal } from '@clockwork/server-core';
import { BULK_EDIT_BATCH_SIZE } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';
import { BulkEditBatchService } from './bulk-edit-batch.service';
import { batchesOf } from './bulk-edit.rules';
import { BulkEditsRepository } from './bulk-edits.repository';

export type BulkEditOutcome = 'completed' | 'failed' | 'skipped';

/** What a refused batch says (a record's rule: ownership, a foreign key, a version), or the error itself. */
const reasonOf = (e: unknown): string => {
  if (e instanceof HttpException) {
    const body = e.getResponse();
    return typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? e.message);
  }
  return (e as Error).message;
};

/**
 * Runs a bulk edit in the worker, as the person who asked for it (their role and ownership at
 * run time): batches of 500 after the last committed one, each one transaction that also moves
 * `done`, so a restarted run resumes and never writes a batch twice. A refused batch (e.g. a
 * record reassigned meanwhile to someone a sales caller is not) ends the run `failed` with the
 * reason; the batches committed before it are kept.
 */
@Injectable()
export class BulkEditRunner {
  private readonly logger = new Logger(BulkEditRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly edits: BulkEditsRepository,
    private readonly batches: BulkEditBatchService,
    private readonly context: RequestContext,
  ) {}

  async run(organizationId: string, id: string): Promise<BulkEditOutcome> {
    const edit = await this.edits.find(organizationId, id);
    if (!edit || !(await this.edits.start(organizationId, id))) return 'skipped';
    const actor: Principal = { kind: edit.actor_kind, id: edit.actor_id, organizationId, role: edit.actor_role };
    let done = edit.done;
    try {
      await this.context.runAs(actor, async () => {
        for (const batch of batchesOf(edit.record_ids.slice(done), BULK_EDIT_BATCH_SIZE)) {
          await this.dataSource.transaction(async (manager) => {
            await this.batches.write(manager, edit.kind, batch, edit.patch);
            if (!(await this.edits.advance(manager, organizationId, id, done, batch.length))) throw new Superseded();
          });
          done += batch.length;
        }
      });
    } catch (e) {
      if (e instanceof Superseded) return 'skipped';
      if (!(e instanceof HttpException)) throw e; // PostgreSQL or the worker: Bull retries, the run resumes after `done`.
      const reason = `Stopped after ${done} of ${edit.total}: ${reasonOf(e)}`;
      this.logger.warn(`Bulk edit ${id}: ${reason}`);
      await this.edits.finish(organizationId, id, 'failed', reason);
      return 'failed';
    }
    await this.edits.finish(organizationId, id, 'completed');
    return 'completed';
  }

  /** After the last attempt: the bulk edit is marked failed (the batches committed are kept). */
  fail(organizationId: string, id: string, reason: string): Promise<void> {
    return this.edits.finish(organizationId, id, 'failed', reason);
  }
}

/** Another run of the same bulk edit committed this batch first: this run stops, nothing written. */
class Superseded extends Error {}
