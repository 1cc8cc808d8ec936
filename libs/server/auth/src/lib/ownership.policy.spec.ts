import { ForbiddenException } from '@nestjs/common';
import { assertMayModify } from './ownership.policy';
import type { Principal } from '@clockwork/server-core';

const as = (role: Principal['role'], kind: Principal['kind'] = 'user'): Principal => ({ kind, id: 'me', organizationId: 'o', role });

describe('assertMayModify', () => {
  it('lets sales change what they own, and nothing else', () => {
    expect(() => assertMayModify(as('sales'), ['me'], 'deals')).not.toThrow();
    expect(() => assertMayModify(as('sales'), [null, 'me'], 'tasks')).not.toThrow();
    expect(() => assertMayModify(as('sales'), ['someone'], 'deals')).toThrow(ForbiddenException);
    expect(() => assertMayModify(as('sales'), [null], 'deals')).toThrow('The sales role may only change its own deals');
  });

  it('treats a sales API key as owning nothing', () => {
    expect(() => assertMayModify(as('sales', 'api_key'), ['me'], 'deals')).toThrow(ForbiddenException);
  });

  it('lets the other roles change any record', () => {
    for (const role of ['admin', 'manager', 'support'] as const) expect(() => assertMayModify(as(role), ['someone'], 'contacts')).not.toThrow();
  });
});
