import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Env, FileStorage, RequestContext } from '@clockwork/server-core';
import type { ReportName } from '@clockwork/shared-dto';
import { ReportExport } from '@clockwork/shared-entities';
import { DataSource } from 'typeorm';
import { ownerRefusal, queryAt, reportFile, runReport } from '../catalog/report.catalogue';
import { ReportOwnersRepository } from '../report-owners.repository';
import { ReportsService } from '../reports.service';
import { zonedParts } from '../schedules/schedule-time.rules';
import { exportStorageKey } from './report-export.mapper';

/**
 * Builds a report export in the worker: running (progress on the row), the report from the
 * rollups, the file, stored in the attachments storage, done (or failed with the reason).
 * The report runs as the requester with the requester's role as stored when the job runs; a
 * requester who was deactivated or lost the role fails the export (no file is written).
 * Also removes exports older than REPORT_EXPORT_RETENTION_HOURS, files first.
 */
@Injectable()
export class ReportExportBuilder {
  private readonly logger = new Logger(ReportExportBuilder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsService,
    private readonly storage: FileStorage,
    private readonly context: RequestContext,
    private readonly env: Env,
    private readonly owners: ReportOwnersRepository,
  ) {}

  async build(organizationId: string, exportId: string): Promise<void> {
    const repo = this.dataSource.getRepository(ReportExport);
    const where = { organizationId, id: exportId };
    const row = await repo.findOneBy(where);
    if (!row || row.status === 'done') return;
    const progress = (values: Partial<ReportExport>) => repo.update(where, values as never);
    try {
      const owner = await this.owners.current(this.dataSource.manager, organizationId, row.userId);
      const refusal = ownerRefusal(owner, row.report as ReportName);
      if (refusal || !owner) {
        const why = refusal === 'owner_role_lost' ? `the requester's role (${owner?.role}) may no longer export this report` : 'the requester was deactivated';
        this.logger.warn(`Report export ${exportId} refused: ${refusal}`);
        await progress({ status: 'failed', error: `Not built: ${why}` });
        return;
      }
      await progress({ status: 'running', progress: 10, error: null });
      const principal = { kind: 'user' as const, id: owner.id, organizationId, role: owner.role };
      const query = queryAt(row.params, zonedParts(new Date(), 'UTC'));
      const table = await this.context.runAs(principal, () => runReport(this.reports, row.report as ReportName, query));
      await progress({ progress: 50 });
      const file = await reportFile(table, row.format);
      await progress({ progress: 80 });
      const key = exportStorageKey(organizationId, exportId);
      await this.storage.put(key, file.body, file.contentType, { size: file.body.length });
      await progress({ status: 'done', progress: 100, storageKey: key, fileName: file.fileName, contentType: file.contentType, sizeBytes: String(file.body.length), completedAt: new Date() });
    } catch (e) {
      this.logger.warn(`Report export ${exportId} failed: ${(e as Error).message}`);
      await progress({ status: 'failed', error: (e as Error).message.slice(0, 1000) });
    }
  }

  /** Exports not finished (their jobs may be lost with Redis): to enqueue again. */
  unfinished(): Promise<{ organization_id: string; id: string }[]> {
    return this.dataSource.query(`SELECT organization_id, id FROM report_exports WHERE status IN ('queued', 'running') ORDER BY created_at LIMIT 1000`);
  }

  /** Deletes exports (file, then row) created before the retention window; returns how many. */
  async cleanup(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.env.REPORT_EXPORT_RETENTION_HOURS * 3_600_000);
    let removed = 0;
    for (;;) {
      const old: { organization_id: string; id: string; storage_key: string | null }[] = await this.dataSource.query(
        `SELECT organization_id, id, storage_key FROM report_exports WHERE created_at < $1 ORDER BY created_at LIMIT 200`,
        [cutoff],
      );
      if (old.length === 0) return removed;
      for (const e of old) if (e.storage_key) await this.storage.delete(e.storage_key);
      await this.dataSource.query(
        `DELETE FROM report_exports r USING jsonb_to_recordset($1::jsonb) AS o(organization_id uuid, id uuid) WHERE r.organization_id = o.organization_id AND r.id = o.id`,
        [JSON.stringify(old.map((e) => ({ organization_id: e.organization_id, id: e.id })))],
      );
      removed += old.length;
    }
  }
}
