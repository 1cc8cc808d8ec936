import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

export type ReportExportStatus = 'queued' | 'running' | 'done' | 'failed';

/** A report file built by the worker for the user who asked for it. */
@Entity('report_exports')
export class ReportExport extends TenantBaseEntity {
  /** The requester. */
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) report: string;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) params: Record<string, unknown>;
  @Column({ type: 'text' }) format: 'csv' | 'pdf';
  @Column({ type: 'text', default: 'queued' }) status: ReportExportStatus;
  /** 0..100. */
  @Column({ type: 'smallint', default: 0 }) progress: number;
  @Column({ type: 'text', nullable: true }) storageKey: string | null;
  @Column({ type: 'text', nullable: true }) fileName: string | null;
  @Column({ type: 'text', nullable: true }) contentType: string | null;
  @Column({ type: 'bigint', nullable: true }) sizeBytes: string | null;
  @Column({ type: 'text', nullable: true }) error: string | null;
  @Column({ type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
