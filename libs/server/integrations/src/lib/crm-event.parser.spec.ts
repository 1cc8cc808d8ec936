import { BadRequestException } from '@nestjs/common';
import { parseCrmEvent } from './crm-event.parser';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const fieldsOf = (value: unknown): string[] => {
  try {
    parseCrmEvent(body(value));
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return ((e as BadRequestException).getResponse() as { details: { field: string }[] }).details.map((d) => d.field).sort();
  }
  throw new Error('expected a 400');
};
const entry = { external_id: 'e-1', start_time: '2026-03-02T09:00:00Z', end_time: '2026-03-02T10:00:00Z', duration_seconds: 3600, activity_type: 'app', productivity_score: 0.5, source: 'agent' };

describe('parseCrmEvent', () => {
  it('reads each event type', () => {
    expect(parseCrmEvent(body({ type: 'time_entry.created', data: entry }))).toMatchObject({ type: 'time_entry.created', entry: { external_id: 'e-1' } });
    expect(parseCrmEvent(body({ type: 'time_entry.deleted', data: { external_id: ' e-1 ' } }))).toMatchObject({ type: 'time_entry.deleted', data: { external_id: 'e-1' } });
    expect(parseCrmEvent(body({ type: 'task.updated', data: { id: '0190c7a2-0000-7000-8000-000000000001', status: 'done', updated_at: '2026-03-02T10:00:00Z', extra: 1 } }))).toEqual({
      type: 'task.updated',
      data: expect.objectContaining({ id: '0190c7a2-0000-7000-8000-000000000001', status: 'done' }),
    });
    expect(parseCrmEvent(body({ type: 'employee.updated', data: { employee_id: 'emp-1', email: 'a@b.test' } }))).toMatchObject({ type: 'employee.updated', data: { employee_id: 'emp-1' } });
  });

  it('names what is wrong with the envelope', () => {
    expect(fieldsOf('not json')).toEqual(['body']);
    expect(fieldsOf([1, 2])).toEqual(['body']);
    expect(fieldsOf({ type: 'deal.created', data: [] })).toEqual(['data', 'type']);
  });

  it('names the bad fields of the data', () => {
    expect(fieldsOf({ type: 'time_entry.created', data: { ...entry, productivity_score: 2, source: 'robot' } })).toEqual(['data.productivity_score', 'data.source']);
    expect(fieldsOf({ type: 'time_entry.updated', data: { ...entry, external_id: undefined } })).toEqual(['data.external_id']);
    expect(fieldsOf({ type: 'time_entry.deleted', data: {} })).toEqual(['data.external_id']);
    expect(fieldsOf({ type: 'task.updated', data: { id: 'nope', status: 'finished' } })).toEqual(['data.id', 'data.status', 'data.updated_at']);
    expect(fieldsOf({ type: 'employee.updated', data: { email: 'a@b.test' } })).toEqual(['data.employee_id']);
  });
});
