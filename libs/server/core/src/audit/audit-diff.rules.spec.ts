import { auditDiff } from './audit-diff.rules';

describe('auditDiff', () => {
  it('lists only the fields that changed, from and to', () => {
    expect(auditDiff({ name: 'Acme', phone: '1', role: 'sales' }, { name: 'Acme Inc', phone: '1', role: 'manager' })).toEqual({
      name: { from: 'Acme', to: 'Acme Inc' },
      role: { from: 'sales', to: 'manager' },
    });
  });

  it('records a creation and a deletion field by field', () => {
    expect(auditDiff(null, { name: 'Acme', industry: null })).toEqual({ name: { from: null, to: 'Acme' } });
    expect(auditDiff({ name: 'Acme' }, null)).toEqual({ name: { from: 'Acme', to: null } });
  });

  it('never includes secrets or bookkeeping columns', () => {
    const diff = auditDiff({ passwordHash: 'a', tokenHash: 'b', keyHash: 'c', updatedAt: new Date(1) }, { passwordHash: 'x', tokenHash: 'y', keyHash: 'z', updatedAt: new Date(2) });
    expect(diff).toEqual({});
  });

  it('compares dates and nested values by content', () => {
    expect(auditDiff({ at: new Date('2026-01-01T00:00:00Z'), tags: ['a'] }, { at: new Date('2026-01-01T00:00:00Z'), tags: ['a'] })).toEqual({});
    expect(auditDiff({ tags: ['a'] }, { tags: ['a', 'b'] })).toEqual({ tags: { from: ['a'], to: ['a', 'b'] } });
  });

  it('records that an encrypted field changed, never its value', () => {
    expect(auditDiff({ email: null, phone: '+1 555', name: 'A' }, { email: 'a@b.c', phone: null, name: 'B' }, ['email', 'phone'])).toEqual({
      email: { from: null, to: '[encrypted]' },
      phone: { from: '[encrypted]', to: null },
      name: { from: 'A', to: 'B' },
    });
  });
});
