import { Injectable, Logger } from '@nestjs/common';
import { FileStorage, RecordWriter } from '@clockwork/server-core';
import type { GdprSubjectDto } from '@clockwork/shared-dto';
import type { Readable } from 'node:stream';
import { ExportBundle, GdprExportCollector } from './gdpr-export.builder';
import { ZipStream } from './zip-stream.util';

export interface GdprExport {
  fileName: string;
  stream: Readable;
}

/**
 * GDPR export of a contact or an employee: one zip of JSON documents (and the contact's
 * attachment files), streamed to the caller as it is built. The data is read and the
 * `gdpr.export` audit row written in one transaction, so the log names every export made.
 */
@Injectable()
export class GdprExportService {
  private readonly logger = new Logger(GdprExportService.name);

  constructor(
    private readonly records: RecordWriter,
    private readonly collector: GdprExportCollector,
    private readonly storage: FileStorage,
  ) {}

  async export(dto: GdprSubjectDto): Promise<GdprExport> {
    const organizationId = this.records.organizationId;
    const exportedAt = new Date().toISOString();
    const bundle = await this.records.transaction(async (manager) => {
      const collected = dto.subject === 'contact' ? await this.collector.contact(manager, organizationId, dto.id) : await this.collector.employee(manager, organizationId, dto.id);
      await this.records.audit(manager, {
        action: 'gdpr.export',
        objectType: collected.audit.objectType,
        objectId: collected.audit.objectId,
        details: {
          subject: dto.subject,
          documents: Object.keys(collected.documents).length + 1,
          files: collected.files.length,
          ...(collected.audit.employeeRef ? { employee_ref: collected.audit.employeeRef } : {}),
        },
      });
      return collected;
    });
    const manifest = {
      subject: dto.subject,
      id: dto.id,
      organization_id: organizationId,
      exported_at: exportedAt,
      exported_by: this.records.principal?.id ?? null,
      documents: ['manifest.json', ...Object.keys(bundle.documents)],
      files: bundle.files.map((f) => f.path),
    };
    const zip = new ZipStream();
    void this.write(zip, manifest, bundle);
    const safeId = dto.id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
    return { fileName: `gdpr-export-${dto.subject}-${safeId}.zip`, stream: zip.output };
  }

  private async write(zip: ZipStream, manifest: object, bundle: ExportBundle): Promise<void> {
    try {
      zip.addJson('manifest.json', manifest);
      for (const [name, value] of Object.entries(bundle.documents)) zip.addJson(name, value);
      for (const file of bundle.files) await zip.addStream(file.path, await this.storage.get(file.storageKey));
      zip.end();
    } catch (e) {
      this.logger.error(`GDPR export failed while writing the archive: ${(e as Error).message}`);
      zip.fail(e as Error);
    }
  }
}
