/** What every versioned record stores alike: its version and when it was made and last changed. */
export interface VersionedRow {
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The fields a versioned record's DTO ends with: `version`, `created_at` and `updated_at` (ISO). */
export function versionAndTimestamps(r: VersionedRow): { version: number; created_at: string; updated_at: string } {
  return { version: r.version, created_at: r.createdAt.toISOString(), updated_at: r.updatedAt.toISOString() };
}
