import { isoOrNull } from '@clockwork/server-core';
import type { ReportExportDto } from '@clockwork/shared-dto';
import type { ReportExport } from '@clockwork/shared-entities';
import { reportRequestFields } from '../report-request.mapper';

export function toReportExportDto(e: ReportExport, link: { url: string; expiresAt: Date } | null = null): ReportExportDto {
  return {
    ...reportRequestFields(e),
    format: e.format,
    status: e.status,
    progress: e.progress,
    file_name: e.fileName,
    size_bytes: e.sizeBytes === null ? null : Number(e.sizeBytes),
    error: e.error,
    download_url: link?.url ?? null,
    download_expires_at: link ? link.expiresAt.toISOString() : null,
    completed_at: isoOrNull(e.completedAt),
    created_at: new Date(e.createdAt).toISOString(),
  };
}

/** Where an export's file is kept in the attachments storage (ids only, never client input). */
export const exportStorageKey = (organizationId: string, exportId: string) => `report-exports/${organizationId.toLowerCase()}/${exportId.toLowerCase()}`;
