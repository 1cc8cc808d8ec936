import { datedRateFields } from './rate-period.mapper';

describe('datedRateFields', () => {
  it('ends a rate DTO with its currency, period, version and ISO timestamps, in that order', () => {
    const fields = datedRateFields({ currency: 'EUR', validFrom: '2026-01-01', validTo: null, version: 2, createdAt: new Date('2026-01-01T00:00:00Z'), updatedAt: new Date('2026-01-02T00:00:00Z') });
    expect(fields).toEqual({ currency: 'EUR', valid_from: '2026-01-01', valid_to: null, version: 2, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-02T00:00:00.000Z' });
    expect(Object.keys(fields)).toEqual(['currency', 'valid_from', 'valid_to', 'version', 'created_at', 'updated_at']);
  });
});
