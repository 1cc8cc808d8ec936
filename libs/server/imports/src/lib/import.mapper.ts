import { isoOrNull } from '@clockwork/server-core';
import type { ImportDto, ImportSummaryDto } from '@clockwork/shared-dto';
import type { ImportJob } from '@clockwork/shared-entities';


/** An import as listed (snake_case, ISO timestamps, without its row errors). */
export function toImportSummaryDto(i: ImportJob): ImportSummaryDto {
  return {
    id: i.id,
    kind: i.kind,
    status: i.status,
    file_name: i.fileName,
    mapping: i.mapping,
    unmapped_headers: i.unmappedHeaders,
    total_rows: i.totalRows,
    processed_rows: i.processedRows,
    created_count: i.createdCount,
    updated_count: i.updatedCount,
    error_count: i.errorCount,
    failure: i.failure,
    created_by: i.createdBy,
    started_at: isoOrNull(i.startedAt),
    finished_at: isoOrNull(i.finishedAt),
    created_at: i.createdAt.toISOString(),
    updated_at: i.updatedAt.toISOString(),
  };
}

/** An import with its first row errors. */
export function toImportDto(i: ImportJob): ImportDto {
  return { ...toImportSummaryDto(i), errors: i.errors.map((e) => ({ row: e.row, field: e.field ?? null, message: e.message })) };
}

/** The CSV columns of an import list export. */
export const IMPORT_CSV_COLUMNS: (keyof ImportSummaryDto)[] = ['id', 'kind', 'status', 'file_name', 'total_rows', 'processed_rows', 'created_count', 'updated_count', 'error_count', 'failure', 'created_by', 'started_at', 'finished_at', 'created_at'];
