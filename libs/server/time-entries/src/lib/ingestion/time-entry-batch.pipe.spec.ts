import 'reflect-metadata';
import { BadRequestException } from '@nestjs/common';
import { createValidationPipe } from '@clockwork/server-core';
import { TimeEntryBatchDto } from '@clockwork/shared-dto';
import { TimeEntryBatchPipe } from './time-entry-batch.pipe';
import { validateEntry } from './time-entry.rules';

const entry = (extra: Record<string, unknown> = {}) => ({
  start_time: '2026-03-02T09:00:00Z',
  end_time: '2026-03-02T10:00:00Z',
  activity_type: 'app',
  productivity_score: 0.5,
  source: 'agent',
  ...extra,
});

/** What a request handler gets from a pipe: the DTO, or the 400 it answers. */
async function outcome(run: () => Promise<TimeEntryBatchDto>) {
  try {
    const dto = await run();
    const { entries, ...rest } = dto;
    return { rest, entries: (entries as unknown[]).map(validateEntry) };
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return { error: (e as BadRequestException).getResponse() };
  }
}

describe('TimeEntryBatchPipe', () => {
  const global = createValidationPipe();
  const batch = new TimeEntryBatchPipe();
  // Bodies as JSON.parse gives them (own __proto__ keys included).
  const bodies: Record<string, string> = {
    valid: JSON.stringify({ entries: [entry(), entry({ external_id: ' a ' })] }),
    'bad entries': JSON.stringify({ entries: [entry({ productivity_score: 7 }), 'junk', null, [1], entry({ extra: 1 }), entry({ tags: ['a', { b: 1 }] })] }),
    'prototype keys': '{"entries":[{"__proto__":{"x":1},"constructor":1,"prototype":2,"start_time":"2026-03-02T09:00:00Z","end_time":"2026-03-02T10:00:00Z","activity_type":"app","productivity_score":0.5,"source":"agent"}],"__proto__":{"y":1}}',
    'inherited names': JSON.stringify({ entries: [entry({ toString: 'x', hasOwnProperty: 1, valueOf: null })] }),
    'nested prototype keys': '{"entries":[{"start_time":"2026-03-02T09:00:00Z","end_time":"2026-03-02T10:00:00Z","activity_type":"app","productivity_score":0.5,"source":"agent","tags":[{"constructor":1}]}]}',
    empty: JSON.stringify({ entries: [] }),
    'too many': JSON.stringify({ entries: Array.from({ length: 5001 }, () => entry()) }),
    'not an array': JSON.stringify({ entries: { 0: entry() } }),
    missing: JSON.stringify({}),
    'unknown field': JSON.stringify({ entries: [entry()], extra: true }),
    'array body': JSON.stringify([entry()]),
    'string body': JSON.stringify('entries'),
    null: 'null',
  };

  it.each(Object.keys(bodies))('answers as the global ValidationPipe does: %s', async (name) => {
    const viaGlobal = await outcome(() => global.transform(JSON.parse(bodies[name]), { type: 'body', metatype: TimeEntryBatchDto, data: undefined }));
    const viaBatch = await outcome(() => batch.transform(JSON.parse(bodies[name])));
    expect(viaBatch).toEqual(viaGlobal);
  });

  it('keeps the entries as they came, less their prototype keys', async () => {
    const body = JSON.parse(bodies['prototype keys']);
    const dto = await batch.transform(body);
    expect(dto).toBeInstanceOf(TimeEntryBatchDto);
    expect(dto.entries).toBe(body.entries);
    expect(Object.keys(dto.entries[0] as object)).toEqual(['start_time', 'end_time', 'activity_type', 'productivity_score', 'source']);
  });
});
