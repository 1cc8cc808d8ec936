import { Injectable } from '@nestjs/common';
import { decodeCursor, toPage } from '@clockwork/server-core';
import type { UnlinkedEmployeeDto, UnlinkedEmployeePageDto, UnlinkedEmployeeQueryDto } from '@clockwork/shared-dto';
import { UnlinkedEmployeeRow, UnlinkedEmployeesRepository } from './unlinked-employees.repository';

export const UNLINKED_EMPLOYEE_CSV_COLUMNS: (keyof UnlinkedEmployeeDto)[] = ['employee_id', 'entries', 'total_seconds', 'first_seen', 'last_seen'];

const toDto = (r: UnlinkedEmployeeRow): UnlinkedEmployeeDto => ({
  employee_id: r.employee_id,
  entries: Number(r.entries),
  total_seconds: Number(r.total_seconds),
  first_seen: new Date(r.first_seen).toISOString(),
  last_seen: new Date(r.last_seen).toISOString(),
});

/** Employee ids the agents send that no user is linked to yet, so an admin can link them (PATCH /users/{id}). */
@Injectable()
export class UnlinkedEmployeesService {
  constructor(private readonly repository: UnlinkedEmployeesRepository) {}

  async list(query: UnlinkedEmployeeQueryDto): Promise<UnlinkedEmployeePageDto> {
    const limit = query.limit ?? 50;
    const after = query.cursor ? decodeCursor(query.cursor, { cast: 'timestamptz' }) : null;
    const rows = await this.repository.page(limit + 1, after);
    return toPage(rows, limit, (r) => ({ value: new Date(r.last_seen).toISOString(), id: r.last_entry_id }), toDto);
  }
}
