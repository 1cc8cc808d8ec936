import type { Principal } from './principal.types';
import { RequestContext } from './request-context.store';
import { LOGGED_CALLER } from '../logging/request-log.middleware';

const alice: Principal = { kind: 'user', id: 'u-alice', organizationId: 'org-1', role: 'admin' };
const job: Principal = { kind: 'user', id: 'u-job', organizationId: 'org-2', role: 'manager' };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestContext', () => {
  const context = new RequestContext();

  it('keeps each request apart across awaits: caller, request id (the logger\'s, read when asked) and IP', async () => {
    const seen: unknown[] = [];
    const request = (id: string, principal: Principal) => {
      const req: Record<string | symbol, unknown> = { headers: { 'x-request-id': 'from-header' } };
      return RequestContext.run({ ip: `ip-${id}`, req }, async () => {
        req.id = id; // the request logger names the request after this middleware ran
        context.setPrincipal(principal);
        await tick();
        seen.push([context.requestId, context.ip, context.organizationId, context.principal?.id, (req[LOGGED_CALLER] as { id: string }).id]);
      });
    };
    await Promise.all([request('r1', alice), request('r2', job)]);
    expect(seen).toEqual(expect.arrayContaining([['r1', 'ip-r1', 'org-1', 'u-alice', 'u-alice'], ['r2', 'ip-r2', 'org-2', 'u-job', 'u-job']]));
  });

  it('falls back to the caller\'s X-Request-Id, and has nothing outside a request', async () => {
    await RequestContext.run({ req: { headers: { 'x-request-id': 'given-7' } } }, async () => expect(context.requestId).toBe('given-7'));
    expect(context.principal).toBeUndefined();
    expect(context.requestId).toBeUndefined();
    expect(() => context.organizationId).toThrow('Authentication required');
    expect(() => context.setPrincipal(alice)).toThrow('No request context');
  });

  it('runAs: the given caller inside, the request\'s own again after (jobs and sign-up)', async () => {
    await RequestContext.run({ ip: '10.0.0.1' }, async () => {
      context.setPrincipal(alice);
      const inside = await context.runAs(job, async () => {
        await tick();
        return [context.principal?.id, context.ip];
      });
      expect(inside).toEqual(['u-job', '10.0.0.1']);
      expect(context.principal?.id).toBe('u-alice');
    });
    expect(await context.runAs(job, async () => context.organizationId)).toBe('org-2');
  });
});
