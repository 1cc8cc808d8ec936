import type { SelectQueryBuilder } from 'typeorm';
import { whereActiveOn } from './rate-periods.rules';

describe('whereActiveOn', () => {
  it('keeps the rates whose period holds the day (open-ended ones included), and all without a day', () => {
    const andWhere = jest.fn().mockReturnThis();
    const qb = { andWhere } as unknown as SelectQueryBuilder<object>;
    expect(whereActiveOn(qb, 'r', undefined)).toBe(qb);
    expect(andWhere).not.toHaveBeenCalled();
    whereActiveOn(qb, 'r', '2026-03-01');
    expect(andWhere).toHaveBeenCalledWith('r.valid_from <= :day AND (r.valid_to IS NULL OR r.valid_to >= :day)', { day: '2026-03-01' });
  });
});
