import request from 'supertest';
import { createRate } from '../support/billing-fixture';
import { createAccount } from '../support/domains/accounts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { timeEntryBody } from '../support/domains/time-entries.domain';
import { approveTimesheet, submitTimesheet } from '../support/domains/timesheets.domain';
import { userWithRole } from '../support/org-fixture';
import { apiWithOrg } from '../support/api-with-org';

/** `invoices_require_approval`: invoices take only entries of approved timesheets; off, they take every billable entry. */
describe('invoices and timesheet approval', () => {
  const api = apiWithOrg('Approved Invoices');
  const http = () => request(api.app.getHttpServer());
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });


  it('with the setting on, an invoice holds exactly the approved entries; off, the rest', async () => {
    const settings = await http().patch('/api/v1/organization/settings').set(as(api.admin.accessToken)).send({ invoices_require_approval: true }).expect(200);
    expect(settings.body).toEqual({ timesheet_period: 'week', invoices_require_approval: true, timezone: 'UTC', auto_apply_suggestions: false, confidence_threshold: 0.9 });
    await http().patch('/api/v1/organization/settings').set(as(api.admin.accessToken)).send({ timesheet_period: 'fortnight' }).expect(400);

    const account = await createAccount(api.app, api.admin, { name: 'Approval Corp' });
    const deal = await createDeal(api.app, api.admin, { name: 'Approved work', account_id: account });
    await createRate(api.app, api.admin, { hourly_rate: '100.00', valid_from: '2026-01-01' });
    const approver = await userWithRole(api.app, api.admin.accessToken, 'manager');
    const ann = await userWithRole(api.app, api.admin.accessToken, 'sales');
    const bob = await userWithRole(api.app, api.admin.accessToken, 'support');
    const entry = async (userId: string, start: string, minutes: number) => {
      const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
      return (await http().post('/api/v1/time-entries').set(as(api.admin.accessToken)).send(timeEntryBody({ user_id: userId, deal_id: deal, start_time: start, end_time: end, duration_seconds: minutes * 60 })).expect(201)).body.id as string;
    };
    const annEntries = [await entry(ann.id, '2026-04-06T09:00:00.000Z', 90), await entry(ann.id, '2026-04-10T14:00:00.000Z', 45)];
    const bobEntries = [await entry(bob.id, '2026-04-07T09:00:00.000Z', 120)];

    // Ann's week is approved; Bob's is only submitted.
    await approveTimesheet(api.app, approver.token, await submitTimesheet(api.app, ann.token, '2026-04-08'));
    await submitTimesheet(api.app, bob.token, '2026-04-08');

    const body = { deal_id: deal, period_from: '2026-04-01', period_to: '2026-04-30', currency: 'USD' };
    const first = (await http().post('/api/v1/invoices').set(as(api.admin.accessToken)).send(body).expect(201)).body;
    expect(first.lines.flatMap((l: { time_entry_ids: string[] }) => l.time_entry_ids).sort()).toEqual([...annEntries].sort());
    expect(first.lines.reduce((s: number, l: { seconds: number }) => s + l.seconds, 0)).toBe((90 + 45) * 60);
    expect(first.total).toBe('225.00');

    // Nothing approved is left to bill.
    await http().post('/api/v1/invoices').set(as(api.admin.accessToken)).send(body).expect(422);

    await http().patch('/api/v1/organization/settings').set(as(api.admin.accessToken)).send({ invoices_require_approval: false }).expect(200);
    const second = (await http().post('/api/v1/invoices').set(as(api.admin.accessToken)).send(body).expect(201)).body;
    expect(second.lines.flatMap((l: { time_entry_ids: string[] }) => l.time_entry_ids)).toEqual(bobEntries);
  });
});
