import { Column, Entity } from 'typeorm';
import { TenantBaseEntity } from './tenant-base.entity';

export type ImportKind = 'accounts' | 'contacts';
export type ImportStatus = 'pending' | 'running' | 'completed' | 'failed';

export interface ImportRowError {
  row: number;
  field?: string;
  message: string;
}

/** A CSV import of accounts or contacts, run by the worker; progress is read from here. */
@Entity('imports')
export class ImportJob extends TenantBaseEntity {
  @Column({ type: 'text' })
  kind: ImportKind;

  @Column({ type: 'text', default: 'pending' })
  status: ImportStatus;

  @Column({ type: 'text' })
  fileName: string;

  @Column({ type: 'text' })
  storageKey: string;

  /** CSV header -> record field. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  mapping: Record<string, string>;

  @Column({ type: 'integer', nullable: true })
  totalRows: number | null;

  @Column({ type: 'integer', default: 0 })
  processedRows: number;

  @Column({ type: 'integer', default: 0 })
  createdCount: number;

  @Column({ type: 'integer', default: 0 })
  updatedCount: number;

  @Column({ type: 'integer', default: 0 })
  errorCount: number;

  /** The first errors by row (capped; errorCount has them all). */
  @Column({ type: 'jsonb', default: () => "'[]'::jsonb" })
  errors: ImportRowError[];

  @Column({ type: 'text', nullable: true })
  failure: string | null;

  /** CSV headers that map to no field (ignored, reported back). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  unmappedHeaders: string[];

  /** The user who started the import (audit actor of every record it writes). */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  /** Or the API key that started it. */
  @Column({ type: 'uuid', nullable: true })
  createdByApiKeyId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
