import type { TimelineItemDto } from '@clockwork/shared-dto';
import request from 'supertest';
import { apiWithOrg } from '../support/api-with-org';
import { createAccount } from '../support/domains/accounts.domain';
import { createContact } from '../support/domains/contacts.domain';
import { createDeal } from '../support/domains/deals.domain';
import { createTimeEntry } from '../support/domains/time-entries.domain';
import { signup, userWithRole } from '../support/org-fixture';

type Item = TimelineItemDto;

/** Time logged on an account's deals shows on the account's timeline (not on its contacts'). */
describe('time entries on timelines', () => {
  const api = apiWithOrg('Timeline Org');
  const http = () => request(api.app.getHttpServer());
  const timeline = async (path: string, token = api.admin.accessToken): Promise<Item[]> => (await http().get(`${path}?limit=200`).set({ Authorization: `Bearer ${token}` }).expect(200)).body.data;


  it("lists the account's time entries by when the work happened, with the deal", async () => {
    const account = await createAccount(api.app, api.admin, { name: 'Globex' });
    const contact = await createContact(api.app, api.admin, { first_name: 'Hank', account_id: account });
    const deal = await createDeal(api.app, api.admin, { name: 'Globex migration', account_id: account });
    const elsewhere = await createDeal(api.app, api.admin, { name: 'Other work', account_id: await createAccount(api.app, api.admin, { name: 'Initech' }) });
    const early = await createTimeEntry(api.app, api.admin, { deal_id: deal, start_time: '2026-03-02T09:00:00.000Z', end_time: '2026-03-02T10:30:00.000Z', duration_seconds: 5400 });
    const late = await createTimeEntry(api.app, api.admin, { deal_id: deal, start_time: '2026-03-03T14:00:00.000Z', end_time: '2026-03-03T14:15:00.000Z', duration_seconds: 900, billable: false });
    await createTimeEntry(api.app, api.admin, { deal_id: elsewhere });

    const entries = (await timeline(`/api/v1/accounts/${account}/timeline`)).filter((i) => i.type === 'time_entry');
    expect(entries.map((i) => i.id)).toEqual([late, early]);
    expect(entries[1]).toEqual({
      type: 'time_entry',
      at: '2026-03-02T09:00:00.000Z',
      id: early,
      summary: '1.50 h logged: Globex migration',
      data: expect.objectContaining({ deal_id: deal, deal_name: 'Globex migration', start_time: '2026-03-02T09:00:00.000Z', end_time: '2026-03-02T10:30:00.000Z', duration_seconds: 5400, billable: true }),
    });
    expect(entries[0].summary).toBe('0.25 h logged: Globex migration');

    const sales = await userWithRole(api.app, api.admin.accessToken, 'sales');
    expect((await timeline(`/api/v1/accounts/${account}/timeline`, sales.token)).filter((i) => i.type === 'time_entry')).toHaveLength(2);
    expect((await timeline(`/api/v1/contacts/${contact}/timeline`)).filter((i) => i.type === 'time_entry')).toEqual([]);
  });

  it("never shows another organization's time entries", async () => {
    const stranger = await signup(api.app, 'Stranger Timeline Org');
    const theirAccount = await createAccount(api.app, stranger, { name: 'Theirs' });
    await createTimeEntry(api.app, stranger, { deal_id: await createDeal(api.app, stranger, { account_id: theirAccount }) });
    await http().get(`/api/v1/accounts/${theirAccount}/timeline`).set({ Authorization: `Bearer ${api.admin.accessToken}` }).expect(404);
    expect((await timeline(`/api/v1/accounts/${theirAccount}/timeline`, stranger.accessToken)).filter((i) => i.type === 'time_entry')).toHaveLength(1);
  });
});
