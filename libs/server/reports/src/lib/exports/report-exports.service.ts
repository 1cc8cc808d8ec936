import { InjectQueue } from '@nestjs/bull';
import { GoneException, Injectable, NotFoundException } from '@nestjs/common';
import { Env, FileStorage, RecordWriter, StorageObjectNotFoundError } from '@clockwork/server-core';
import type { CreateReportExportDto, ReportExportDto, ReportExportQueuedDto } from '@clockwork/shared-dto';
import { ReportExport } from '@clockwork/shared-entities';
import { QUEUES, REPORT_EXPORT_JOB, ReportExportJobData } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import type { Readable } from 'node:stream';
import { validateReportParams } from '../catalog/report.catalogue';
import { ExportLinks } from './export-link.builder';
import { toReportExportDto } from './report-export.mapper';

export const REPORT_EXPORT_JOB_OPTIONS = { attempts: 1, removeOnComplete: 200, removeOnFail: 200 };

/**
 * Report exports on the api side: the request (row + audit in one transaction, then the job),
 * the status for the requester (or an admin), and the download through an expiring signed link.
 */
@Injectable()
export class ReportExportsService {
  private readonly links: ExportLinks;

  constructor(
    private readonly records: RecordWriter,
    @InjectQueue(QUEUES.reportExports) private readonly queue: Queue<ReportExportJobData>,
    private readonly storage: FileStorage,
    private readonly env: Env,
  ) {
    this.links = new ExportLinks(env.JWT_SECRET);
  }

  async request(dto: CreateReportExportDto): Promise<ReportExportQueuedDto> {
    const params = await validateReportParams(dto.report, dto.params);
    const organizationId = this.records.organizationId;
    const row = await this.records.transaction(async (manager) => {
      const created = manager.create(ReportExport, { organizationId, userId: this.records.principal?.id as string, report: dto.report, params, format: dto.format });
      await manager.save(ReportExport, created);
      const stored = (await manager.findOneBy(ReportExport, { organizationId, id: created.id })) as ReportExport;
      await this.records.audit(manager, { action: 'create', objectType: 'report_export', objectId: stored.id, after: { report: stored.report, params: stored.params, format: stored.format } });
      return stored;
    });
    await this.queue.add(REPORT_EXPORT_JOB, { organizationId, exportId: row.id }, { ...REPORT_EXPORT_JOB_OPTIONS, jobId: row.id });
    return { id: row.id, status: 'queued' };
  }

  async get(id: string): Promise<ReportExportDto> {
    const row = await this.visible(id);
    if (row.status !== 'done') return toReportExportDto(row);
    const expiresAt = new Date(Date.now() + this.env.REPORT_EXPORT_LINK_TTL_SECONDS * 1000);
    const token = this.links.sign(row.organizationId, row.id, expiresAt);
    return toReportExportDto(row, { url: `/api/v1/reports/exports/${row.id}/download?token=${encodeURIComponent(token)}`, expiresAt });
  }

  /** The file for a link: 404 for a wrong token or unknown export, 410 once the link (or the file) has expired. */
  async download(id: string, token: string): Promise<{ row: ReportExport; body: Readable }> {
    const row = await this.records.manager.getRepository(ReportExport).findOneBy({ id });
    const verdict = row ? this.links.check(row.organizationId, row.id, token) : 'invalid';
    if (!row || verdict === 'invalid') throw new NotFoundException('Report export not found');
    if (verdict === 'expired') throw new GoneException('The download link has expired; ask for the export again for a new link');
    if (row.status !== 'done' || !row.storageKey) throw new NotFoundException('Report export not found');
    try {
      return { row, body: await this.storage.get(row.storageKey) };
    } catch (e) {
      if (e instanceof StorageObjectNotFoundError) throw new GoneException('The export file has been removed');
      throw e;
    }
  }

  /** The requester's export (any for an admin); 404 otherwise, like another organization's. */
  private async visible(id: string): Promise<ReportExport> {
    const principal = this.records.principal;
    const row = await this.records.manager.getRepository(ReportExport).findOneBy({ organizationId: this.records.organizationId, id });
    if (!row || (principal?.role !== 'admin' && row.userId !== principal?.id)) throw new NotFoundException('Report export not found');
    return row;
  }
}
