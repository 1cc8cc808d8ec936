import { versionAndTimestamps } from './record.mapper';

describe('versionAndTimestamps', () => {
  it('gives the version and the ISO timestamps, in the order DTOs end with them', () => {
    const fields = versionAndTimestamps({ version: 3, createdAt: new Date('2026-01-02T03:04:05.000Z'), updatedAt: new Date('2026-02-03T04:05:06.000Z') });
    expect(fields).toEqual({ version: 3, created_at: '2026-01-02T03:04:05.000Z', updated_at: '2026-02-03T04:05:06.000Z' });
    expect(Object.keys(fields)).toEqual(['version', 'created_at', 'updated_at']);
  });
});
