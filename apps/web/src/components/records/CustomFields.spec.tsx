import type { CustomFieldDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { DEFAULT_PIPELINE, makeDeal, makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { makeContact, makeCustomField } from '../../testing/record-fixtures';
import { currentLocation, renderApp, renderWithProviders } from '../../testing/render';
import { CustomFieldsCard } from './CustomFieldsCard';

const field = makeCustomField;
const tier = field({ key: 'tier', label: 'Tier', type: 'single_select', options: ['gold', 'silver'] });
const seats = field({ key: 'seats', label: 'Seats', type: 'number' });
const vip = field({ key: 'vip', label: 'VIP', type: 'checkbox' });
const fee = field({ key: 'fee', label: 'Fee', type: 'money' });
const fieldsOf = (defs: CustomFieldDto[]) => ({ 'GET /api/v1/custom-fields': (call: { query: Record<string, string> }) => ({ body: { data: defs.filter((d) => d.record_type === call.query.record_type) } }) });

describe('Custom fields on a record page', { timeout: 20_000 }, () => {
  const deal = makeDeal({ id: 'd1', name: 'Website rebuild', version: 4, custom_fields: { tier: 'gold', seats: 12, vip: false, fee: 1234.5 } });
  const render = () =>
    renderWithProviders(
      <AppProviders>
        <CustomFieldsCard record={{ type: 'deal', id: deal.id, version: deal.version }} values={deal.custom_fields} />
      </AppProviders>,
    );

  it('shows each field with its value, formatted by type', async () => {
    mockApi({ ...shellRoutes(), ...fieldsOf([tier, seats, vip, fee]) });
    signIn();
    render();
    const card = (await screen.findByRole('heading', { name: 'Custom fields' })).closest('section') as HTMLElement;
    await within(card).findByText('Tier');
    const shown = Object.fromEntries(within(card).getAllByRole('term').map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    expect(shown).toEqual({ Tier: 'gold', Seats: '12', VIP: 'No', Fee: (1234.5).toLocaleString('en-US', { minimumFractionDigits: 2 }) });
  });

  it('edits with typed inputs and saves a PATCH of custom_fields with the version shown; the api field error shows beside its field', async () => {
    let refuse = true;
    const api = mockApi({
      ...shellRoutes(),
      ...fieldsOf([tier, seats, vip]),
      'PATCH /api/v1/deals/:id': () =>
        refuse
          ? { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'custom_fields.seats', errors: ['custom_fields.seats must be between -1e15 and 1e15'] }] } }
          : { body: { ...deal, version: 5 } },
    });
    signIn();
    render();
    fireEvent.click(await screen.findByRole('button', { name: 'Edit custom fields' }));
    const form = await screen.findByRole('form', { name: 'Custom fields' });
    fireEvent.change(within(form).getByLabelText('Tier'), { target: { value: 'silver' } });
    fireEvent.change(within(form).getByLabelText('Seats'), { target: { value: '1e16' } });
    fireEvent.click(within(form).getByLabelText('VIP'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save custom fields' }));
    expect(await within(form).findByText('custom_fields.seats must be between -1e15 and 1e15')).toBeTruthy();

    refuse = false;
    fireEvent.change(within(form).getByLabelText('Seats'), { target: { value: '40' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save custom fields' }));
    expect(await screen.findByText('Custom fields saved')).toBeTruthy();
    const patches = api.callsTo('PATCH', '/api/v1/deals/d1');
    expect(patches.at(-1)?.body).toEqual({ custom_fields: { tier: 'silver', seats: 40, vip: true } });
    expect(patches.at(-1)?.headers.get('If-Match')).toBe('"4"');
  });

  it('shows nothing when the record type has no custom fields', async () => {
    mockApi({ ...shellRoutes() });
    signIn();
    render();
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Custom fields' })).toBeNull());
  });
});

describe('Custom field filters on list pages', { timeout: 20_000 }, () => {
  const contactTier = { ...tier, id: 'f-ct', record_type: 'contact' as const };

  it('keeps a cf.<key> filter in the address and sends it to the list; a linked address filters from the first request', async () => {
    const api = mockApi({
      ...shellRoutes({ users: [makeUser('admin')] }),
      ...fieldsOf([contactTier]),
      'GET /api/v1/contacts': (call) => page(call.query['cf.tier'] === 'gold' ? [makeContact('c1', 'Ada')] : [makeContact('c1', 'Ada'), makeContact('c2', 'Bo')]),
    });
    signIn();
    renderApp('/contacts');
    await screen.findByRole('link', { name: 'Bo' });
    fireEvent.change(await screen.findByLabelText('Tier'), { target: { value: 'gold' } });
    await waitFor(() => expect(currentLocation()).toBe('/contacts?cf.tier=gold'));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Bo' })).toBeNull());
    expect(api.callsTo('GET', '/api/v1/contacts').at(-1)?.query['cf.tier']).toBe('gold');
  });

  it('sends the linked filter with the first request', async () => {
    const api = mockApi({ ...shellRoutes(), ...fieldsOf([contactTier]), 'GET /api/v1/contacts': page([makeContact('c1', 'Ada')]) });
    signIn();
    renderApp('/contacts?cf.tier=silver');
    await screen.findByRole('link', { name: 'Ada' });
    expect(api.callsTo('GET', '/api/v1/contacts')[0].query['cf.tier']).toBe('silver');
  });

  it('filters the deals board by a custom field and saves the view with it', async () => {
    const api = mockApi({
      ...shellRoutes(),
      ...fieldsOf([tier]),
      'GET /api/v1/pipelines': { body: { data: [DEFAULT_PIPELINE] } },
      'GET /api/v1/deals/budgets': { body: { data: [] } },
      'GET /api/v1/insights/win-probabilities': { body: { model: {}, deals: [], weighted: [] } },
      'GET /api/v1/insights/deal-health': { body: { data: [], next_cursor: null } },
      'GET /api/v1/deals': (call) => page(call.query['cf.tier'] === 'gold' ? [makeDeal({ id: 'd1', name: 'Gold deal' })] : [makeDeal({ id: 'd1', name: 'Gold deal' }), makeDeal({ id: 'd2', name: 'Other deal' })]),
      'POST /api/v1/saved-views': (call) => ({ status: 201, body: { id: 'v1', list: 'deals', name: 'Gold', filters: (call.body as { filters: Record<string, string> }).filters, sort: null, columns: null, visibility: 'private', is_default: false, editable: true, owner_id: 'u1', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' } }),
    });
    signIn();
    renderApp('/deals');
    await screen.findByRole('article', { name: 'Other deal' });
    fireEvent.change(screen.getByLabelText('Tier'), { target: { value: 'gold' } });
    await waitFor(() => expect(screen.queryByRole('article', { name: 'Other deal' })).toBeNull());
    expect(currentLocation()).toBe('/deals?cf.tier=gold');
    expect(api.callsTo('GET', '/api/v1/deals').at(-1)?.query['cf.tier']).toBe('gold');

    fireEvent.click(screen.getByRole('button', { name: 'Views' }));
    const form = await screen.findByRole('form', { name: 'Save current view' });
    fireEvent.change(within(form).getByLabelText('Save current as…'), { target: { value: 'Gold' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save view' }));
    await waitFor(() => expect(currentLocation()).toBe('/deals?cf.tier=gold&view=v1'));
    expect(api.callsTo('POST', '/api/v1/saved-views')[0].body).toMatchObject({ list: 'deals', name: 'Gold', filters: { 'cf.tier': 'gold' } });
  });
});
