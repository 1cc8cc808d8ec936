import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CursorPosition, RequestContext } from '@clockwork/server-core';
import { DataSource } from 'typeorm';

/** One employee id's totals; `last_entry_id`: its latest entry, the keyset's tie-breaker. */
export interface UnlinkedEmployeeRow {
  employee_id: string;
  entries: number;
  total_seconds: string;
  first_seen: Date;
  last_seen: Date;
  last_entry_id: string;
}

/** Employee ids of the organization's time entries that no user is linked to (users.linked_employee_id). */
@Injectable()
export class UnlinkedEmployeesRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly context: RequestContext,
  ) {}

  /** Newest last_seen first, keyset on (last_seen, last_entry_id). */
  page(limit: number, after: CursorPosition | null): Promise<UnlinkedEmployeeRow[]> {
    return this.dataSource.query(
      `WITH g AS (
         SELECT t.employee_id, count(*)::int AS entries, sum(t.duration_seconds)::bigint AS total_seconds,
                min(t.start_time) AS first_seen, max(t.start_time) AS last_seen,
                (array_agg(t.id ORDER BY t.start_time DESC, t.id DESC))[1] AS last_entry_id
           FROM time_entries t
          WHERE t.organization_id = $1 AND t.employee_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM users u WHERE u.organization_id = $1 AND u.linked_employee_id = t.employee_id)
          GROUP BY t.employee_id)
       SELECT * FROM g
        WHERE $2::timestamptz IS NULL OR (g.last_seen, g.last_entry_id) < ($2::timestamptz, $3::uuid)
        ORDER BY g.last_seen DESC, g.last_entry_id DESC
        LIMIT $4`,
      [this.context.organizationId, after?.value ?? null, after?.id ?? null, limit],
    );
  }
}
