import { BadRequestException, Injectable } from '@nestjs/common';
import { AuditedRecord, RecordReads, RecordWriter } from '@clockwork/server-core';
import type { CreateImportDto, ImportDto, ImportPreviewDto, ImportQueryDto, ImportSummaryDto } from '@clockwork/shared-dto';
import type { ImportJob } from '@clockwork/shared-entities';
import { createReadStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { ImportBatchService } from './import-batch.service';
import { IMPORT_CHUNK_BYTES, ImportChunksRepository } from './import-chunks.repository';
import { CsvRecord, isCsvError, readHead } from './import-csv.parser';
import { ColumnMapping, MappingError, resolveMapping } from './import-mapping.rules';
import { rowNumber } from './import-row.validator';
import { toImportDto, toImportSummaryDto } from './import.mapper';
import { ImportsRepository } from './imports.repository';

/** The part of multer's file the service needs (multer stores the upload in a temporary file). */
export interface UploadedCsv {
  path: string;
  originalname: string;
  size: number;
}

/** Records a dry run shows. */
export const PREVIEW_ROWS = 20;

const IMPORT: AuditedRecord<ImportJob> = { objectType: 'import', view: toImportDto };

const badRequest = (field: string, errors: string[]) => new BadRequestException({ message: `Validation failed: ${errors.join('; ')}`, details: [{ field, errors }] });

/**
 * Starting and reading imports. Starting one stores the file in import_chunks, the imports row,
 * its audit row and an `import.created` event in one transaction; the worker does the rest.
 * A dry run reads only the first rows and writes nothing.
 */
@Injectable()
export class ImportsService extends RecordReads<ImportJob, ImportQueryDto, ImportSummaryDto> {
  constructor(
    private readonly records: RecordWriter,
    private readonly imports: ImportsRepository,
    private readonly chunks: ImportChunksRepository,
    private readonly batches: ImportBatchService,
  ) {
    super(imports, toImportSummaryDto);
  }

  /** One import with its errors (the list shows summaries). */
  override async get(id: string): Promise<ImportDto> {
    return toImportDto(await this.imports.getById(id));
  }

  async start(file: UploadedCsv | undefined, dto: CreateImportDto): Promise<ImportDto> {
    const upload = requireFile(file);
    try {
      const { mapping } = await this.read(upload, dto, 0);
      const principal = this.records.principal;
      return await this.records.transaction(async (m) => {
        const row = await this.imports.insert(m, {
          kind: dto.kind,
          fileName: fileName(upload),
          storageKey: 'postgres:import_chunks',
          mapping: mapping.mapping,
          unmappedHeaders: mapping.unmapped,
          createdBy: principal?.kind === 'user' ? principal.id : null,
          createdByApiKeyId: principal?.kind === 'api_key' ? principal.id : null,
        });
        let seq = 0;
        for await (const chunk of createReadStream(upload.path, { highWaterMark: IMPORT_CHUNK_BYTES })) {
          await this.chunks.insert(m, row.organizationId, row.id, seq++, chunk as Buffer);
        }
        await this.records.written(m, IMPORT, 'create', null, row, { type: 'import.created', aggregateType: 'import', aggregateId: row.id, payload: { id: row.id, kind: row.kind, file_name: row.fileName } });
        return toImportDto(row);
      });
    } finally {
      await unlink(upload.path).catch(() => undefined);
    }
  }

  /** What the import would do with the first PREVIEW_ROWS records; writes nothing. */
  async preview(file: UploadedCsv | undefined, dto: CreateImportDto): Promise<ImportPreviewDto> {
    const upload = requireFile(file);
    try {
      const { headers, mapping, records } = await this.read(upload, dto, PREVIEW_ROWS);
      const organizationId = this.records.organizationId;
      const batch = records.map((record, i) => ({ row: rowNumber(i + 1), record }));
      const { plan, errors } = await this.records.transaction(async (m) => {
        const checked = await this.batches.checkRows(m, dto.kind, organizationId, mapping.mapping, batch);
        return { plan: await this.batches.plan(m, dto.kind, organizationId, checked.valid, this.records.userId, false), errors: checked.errors };
      });
      const byId = new Map(plan.records.map((r) => [r.id, r]));
      const created = new Set(plan.creates.map((r) => r.id));
      const rows = plan.outcomes.map(({ row, action, id }) => {
        const { version: _v, id: _id, ...record } = byId.get(id) as unknown as Record<string, unknown>;
        return { row, action, record: created.has(id) ? record : { id, ...record } };
      });
      return { kind: dto.kind, file_name: fileName(upload), headers, mapping: mapping.mapping, unmapped_headers: mapping.unmapped, rows, errors };
    } finally {
      await unlink(upload.path).catch(() => undefined);
    }
  }

  /** The header row (required) and the first `limit` records, with the mapping to use. */
  private async read(upload: UploadedCsv, dto: CreateImportDto, limit: number): Promise<{ headers: string[]; mapping: ColumnMapping; records: CsvRecord[] }> {
    let head: Awaited<ReturnType<typeof readHead>>;
    try {
      head = await readHead(createReadStream(upload.path), limit);
    } catch (e) {
      if (isCsvError(e)) throw badRequest('file', [`file is not valid CSV: ${e.message}`]);
      throw e;
    }
    if (!head.headers || head.headers.every((h) => h === '')) throw badRequest('file', ['file is empty: its first line must name the columns']);
    try {
      const custom = await this.records.transaction((m) => this.batches.customFields(m, this.records.organizationId, dto.kind));
      return { headers: head.headers, mapping: resolveMapping(dto.kind, head.headers, dto.mapping ?? {}, custom), records: head.records };
    } catch (e) {
      if (e instanceof MappingError) throw badRequest('mapping', e.problems);
      throw e;
    }
  }
}

function requireFile(file: UploadedCsv | undefined): UploadedCsv {
  if (!file) throw badRequest('file', ['file is required: send the CSV as the multipart part "file"']);
  return file;
}

const fileName = (upload: UploadedCsv) => (upload.originalname || 'import.csv').slice(0, 255);
