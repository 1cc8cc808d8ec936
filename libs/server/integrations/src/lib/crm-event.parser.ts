import { BadRequestException } from '@nestjs/common';
import { flattenValidationErrors } from '@clockwork/server-core';
import { validateEntry } from '@clockwork/server-time-entries';
import { CreateTimeEntryDto, CRM_EVENT_TYPES, CrmEventType, EmployeeUpdatedEventDto, FieldErrorDto, TaskUpdatedEventDto, TimeEntryDeletedEventDto } from '@clockwork/shared-dto';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** An inbound event of the productivity platform, its data validated for its type. */
export type CrmEvent =
  | { type: 'time_entry.created' | 'time_entry.updated'; entry: CreateTimeEntryDto }
  | { type: 'time_entry.deleted'; data: TimeEntryDeletedEventDto }
  | { type: 'task.updated'; data: TaskUpdatedEventDto }
  | { type: 'employee.updated'; data: EmployeeUpdatedEventDto };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(details: FieldErrorDto[]): BadRequestException {
  return new BadRequestException({ message: `Validation failed: ${details.flatMap((d) => d.errors).join('; ')}`, details });
}

function validated<T extends object>(cls: ClassConstructor<T>, data: Record<string, unknown>): T {
  const dto = plainToInstance(cls, data);
  const errors = validateSync(dto, { whitelist: true });
  if (errors.length) throw invalid(flattenValidationErrors(errors, 'data'));
  return dto;
}

/**
 * Reads a verified webhook body: JSON `{ type, data }` with a known type and the data that type
 * takes. Anything else is a 400 naming the field (`body`, `type`, `data`, `data.<field>`).
 */
export function parseCrmEvent(body: Buffer): CrmEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalid([{ field: 'body', errors: ['body must be JSON'] }]);
  }
  if (!isObject(parsed)) throw invalid([{ field: 'body', errors: ['body must be a JSON object { type, data }'] }]);
  const { type, data } = parsed;
  const problems: FieldErrorDto[] = [];
  if (typeof type !== 'string' || !(CRM_EVENT_TYPES as readonly string[]).includes(type)) problems.push({ field: 'type', errors: [`type must be one of ${CRM_EVENT_TYPES.join(', ')}`] });
  if (!isObject(data)) problems.push({ field: 'data', errors: ['data must be an object'] });
  if (problems.length) throw invalid(problems);
  const event = data as Record<string, unknown>;
  switch (type as CrmEventType) {
    case 'time_entry.created':
    case 'time_entry.updated': {
      const checked = validateEntry(event);
      if (!checked.dto) throw invalid(checked.errors.map((e) => ({ ...e, field: `data.${e.field}` })));
      if (type === 'time_entry.updated' && !checked.dto.external_id) throw invalid([{ field: 'data.external_id', errors: ['external_id is required to update an entry'] }]);
      return { type: type as 'time_entry.created' | 'time_entry.updated', entry: checked.dto };
    }
    case 'time_entry.deleted':
      return { type: 'time_entry.deleted', data: validated(TimeEntryDeletedEventDto, event) };
    case 'task.updated':
      return { type: 'task.updated', data: validated(TaskUpdatedEventDto, event) };
    case 'employee.updated':
      return { type: 'employee.updated', data: validated(EmployeeUpdatedEventDto, event) };
  }
}
