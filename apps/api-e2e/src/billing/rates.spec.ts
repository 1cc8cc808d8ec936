import { signup, userWithRole } from '../support/org-fixture';
import { as, billingClient, entryOn } from './billing-http';
import { apiWithOrg } from '../support/api-with-org';

interface Line {
  deal_id: string;
  user_id: string;
  hourly_rate: string;
  rate_level: string;
  amount: string;
  time_entry_ids: string[];
}

/** Rate precedence (deal+user > deal > account > user > organization), periods, and the rate routes. */
describe('hourly rates', () => {
  const org = apiWithOrg('Rates Org');
  let api: ReturnType<typeof billingClient>;
  beforeAll(async () => {
    api = billingClient(org.app, org.admin);
  });

  const lineOf = (lines: Line[], entry: string) => lines.find((l) => l.time_entry_ids.includes(entry)) as Line;

  it('prices each entry with its most specific rate, each level winning over the less specific ones', async () => {
    const [u1, u2, u3] = [org.admin.userId, (await userWithRole(org.app, org.admin.accessToken, 'sales')).id, (await userWithRole(org.app, org.admin.accessToken, 'support')).id];
    const rated = await api.account('Rated account');
    const plain = await api.account('Plain account');
    const d1 = await api.deal('D1 with rates', rated);
    const d3 = await api.deal('D3 no deal rate', rated);
    const d2 = await api.deal('D2 plain', plain);
    await api.rate({ hourly_rate: '50.00', currency: 'USD' });
    await api.rate({ user_id: u2, hourly_rate: '60.00', currency: 'USD' });
    await api.rate({ account_id: rated, hourly_rate: '70.00', currency: 'USD' });
    await api.rate({ deal_id: d1, hourly_rate: '90.00', currency: 'USD' });
    await api.rate({ deal_id: d1, user_id: u3, hourly_rate: '120.00', currency: 'USD' });
    const [orgOnly, userBeatsOrg, accountBeatsUser, dealBeatsAccount, dealUserBeatsDeal] = await api.entries([
      entryOn('2026-03-02', 3600, { deal_id: d2, user_id: u1 }),
      entryOn('2026-03-02', 3600, { deal_id: d2, user_id: u2 }),
      entryOn('2026-03-02', 3600, { deal_id: d3, user_id: u2 }),
      entryOn('2026-03-02', 3600, { deal_id: d1, user_id: u2 }),
      entryOn('2026-03-02', 3600, { deal_id: d1, user_id: u3 }),
    ]);
    const plainLines: Line[] = (await api.invoice({ account_id: plain }).expect(201)).body.lines;
    expect(lineOf(plainLines, orgOnly)).toMatchObject({ rate_level: 'organization', hourly_rate: '50.00', amount: '50.00' });
    expect(lineOf(plainLines, userBeatsOrg)).toMatchObject({ rate_level: 'user', hourly_rate: '60.00', amount: '60.00' });
    const ratedLines: Line[] = (await api.invoice({ account_id: rated }).expect(201)).body.lines;
    expect(lineOf(ratedLines, accountBeatsUser)).toMatchObject({ rate_level: 'account', hourly_rate: '70.00' });
    expect(lineOf(ratedLines, dealBeatsAccount)).toMatchObject({ rate_level: 'deal', hourly_rate: '90.00' });
    expect(lineOf(ratedLines, dealUserBeatsDeal)).toMatchObject({ rate_level: 'deal_user', hourly_rate: '120.00' });
    expect(ratedLines).toHaveLength(3);
  });

  it('applies a rate only within its period, so a rate change splits the line and later edits leave invoices alone', async () => {
    const account = await api.account('Period account');
    const deal = await api.deal('Period deal', account);
    const march = await api.rate({ deal_id: deal, hourly_rate: '80.00', currency: 'USD', valid_from: '2026-01-01', valid_to: '2026-03-15' });
    await api.rate({ deal_id: deal, hourly_rate: '95.50', currency: 'USD', valid_from: '2026-03-16' });
    const [before, onLastDay, after] = await api.entries([
      entryOn('2026-03-10', 1800, { deal_id: deal, user_id: org.admin.userId }),
      entryOn('2026-03-15', 1800, { deal_id: deal, user_id: org.admin.userId }),
      entryOn('2026-03-16', 7200, { deal_id: deal, user_id: org.admin.userId }),
    ]);
    const invoice = (await api.invoice({ deal_id: deal }).expect(201)).body;
    expect(invoice.lines).toHaveLength(2);
    expect(lineOf(invoice.lines, before)).toMatchObject({ hourly_rate: '80.00', seconds: 3600, amount: '80.00' });
    expect(lineOf(invoice.lines, onLastDay).time_entry_ids).toContain(before);
    expect(lineOf(invoice.lines, after)).toMatchObject({ hourly_rate: '95.50', amount: '191.00' });
    expect(invoice.subtotal).toBe('271.00');

    await api.http().patch(`/api/v1/rates/${march.id}`).set(as(org.admin)).send({ hourly_rate: '10.00' }).expect(200);
    expect((await api.get(invoice.id).expect(200)).body).toMatchObject({ subtotal: '271.00', lines: invoice.lines });
  });

  it('refuses to bill time that no rate covers, naming it', async () => {
    const deal = await api.deal('Too early', null);
    await api.entries([entryOn('2025-06-02', 3600, { deal_id: deal, user_id: org.admin.userId })]);
    const res = await api.invoice({ deal_id: deal, period_from: '2025-06-01', period_to: '2025-06-30' }).expect(422);
    expect(res.body.message).toMatch(/1 billable time entries have no hourly rate.*Too early/);
    // Nothing was kept: the same entries can be billed once a rate exists.
    await api.rate({ deal_id: deal, hourly_rate: '40.00', currency: 'USD', valid_from: '2025-01-01' });
    expect((await api.invoice({ deal_id: deal, period_from: '2025-06-01', period_to: '2025-06-30' }).expect(201)).body.total).toBe('40.00');
  });

  it('validates rates: currency, amounts, periods, scope combinations, overlaps and other organizations', async () => {
    const deal = await api.deal('Validated', null);
    const bad = await api.http().post('/api/v1/rates').set(as(org.admin)).send({ deal_id: deal, hourly_rate: '12.345', currency: 'EURO', valid_from: '2026-01-01', valid_to: '2025-12-31' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['currency', 'hourly_rate', 'valid_to']);
    const account = await api.account('Combo');
    expect((await api.http().post('/api/v1/rates').set(as(org.admin)).send({ account_id: account, deal_id: deal, hourly_rate: '1', currency: 'USD', valid_from: '2026-01-01' }).expect(400)).body.details[0].field).toBe('account_id');
    const first = await api.rate({ deal_id: deal, hourly_rate: '100', currency: 'usd', valid_from: '2026-01-01', valid_to: '2026-06-30' });
    expect(first).toMatchObject({ level: 'deal', hourly_rate: '100.00', currency: 'USD', valid_to: '2026-06-30' });
    await api.http().post('/api/v1/rates').set(as(org.admin)).send({ deal_id: deal, hourly_rate: '110', currency: 'USD', valid_from: '2026-06-30' }).expect(409);
    const second = await api.rate({ deal_id: deal, hourly_rate: '110', currency: 'USD', valid_from: '2026-07-01' });
    await api.http().patch(`/api/v1/rates/${first.id}`).set(as(org.admin)).send({ valid_to: null }).expect(409);
    await api.http().patch(`/api/v1/rates/${second.id}`).set(as(org.admin)).send({ valid_from: '2026-08-01', valid_to: '2026-07-31' }).expect(400);
    const listed = await api.http().get('/api/v1/rates').query({ deal_id: deal, active_on: '2026-07-02' }).set(as(org.admin)).expect(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([second.id]);
    const stranger = await signup(org.app, 'Rate Stranger');
    const foreign = await billingClient(org.app, stranger).deal('Theirs', null);
    expect((await api.http().post('/api/v1/rates').set(as(org.admin)).send({ deal_id: foreign, hourly_rate: '1', currency: 'USD', valid_from: '2026-01-01' }).expect(422)).body.details[0].field).toBe('deal_id');
  });
});
