import { billableDeal, createDraftInvoice, issueInvoice } from '../billing-fixture';
import { auth, http, recordCases, type DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'invoices',
  create: (app, admin) => createDraftInvoice(app, admin),
  unaudited: { 'POST /api/v1/invoices/preview': 'Shows what POST /invoices would draft; it stores nothing' },
  bodies: { 'POST /api/v1/invoices/{id}/pay': {}, 'POST /api/v1/invoices/{id}/void': { reason: 'Hijacked' } },
  audit: {
    'POST /api/v1/invoices': {
      setup: async (app, admin) => ({ deal: (await billableDeal(app, admin)).deal }),
      call: async (app, admin, s) => {
        const res = await http(app).post('/api/v1/invoices').set(auth(admin.accessToken)).send({ deal_id: s.deal, period_from: '2026-03-01', period_to: '2026-03-31', currency: 'USD', tax_rate_percent: 10 }).expect(201);
        return {
          expected: {
            action: 'create',
            object_type: 'invoice',
            object_id: res.body.id,
            actor_id: admin.userId,
            changes: { status: { from: null, to: 'draft' }, total: { from: null, to: '110.00' }, lines: 1, time_entries: 1 },
          },
        };
      },
    },
    ...recordCases({
      'DELETE /api/v1/invoices/{id}': { create: (app, admin) => createDraftInvoice(app, admin), expected: { action: 'delete', object_type: 'invoice', changes: { status: { from: 'draft', to: null } } } },
      'POST /api/v1/invoices/{id}/void': { create: (app, admin) => createDraftInvoice(app, admin), send: { reason: 'Wrong period' }, expected: { action: 'void', object_type: 'invoice', changes: { status: { from: 'draft', to: 'void' }, void_reason: { from: null, to: 'Wrong period' } } } },
    }),
    'POST /api/v1/invoices/{id}/issue': {
      setup: async (app, admin) => ({ id: await createDraftInvoice(app, admin) }),
      call: async (app, admin, s) => {
        const issued = await issueInvoice(app, admin, s.id);
        return { expected: { action: 'issue', object_type: 'invoice', object_id: s.id, changes: { status: { from: 'draft', to: 'issued' }, number: { from: null, to: issued.number } } } };
      },
    },
    'POST /api/v1/invoices/{id}/pay': {
      setup: async (app, admin) => {
        const id = await createDraftInvoice(app, admin);
        await issueInvoice(app, admin, id);
        return { id };
      },
      call: async (app, admin, s) => {
        await http(app).post(`/api/v1/invoices/${s.id}/pay`).set(auth(admin.accessToken)).send({ paid_at: '2026-04-10T12:00:00.000Z' }).expect(200);
        return { expected: { action: 'pay', object_type: 'invoice', object_id: s.id, changes: { status: { from: 'issued', to: 'paid' }, paid_at: { from: null, to: '2026-04-10T12:00:00.000Z' } } } };
      },
    },
  },
};
export default fixture;
