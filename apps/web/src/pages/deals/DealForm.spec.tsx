import type { CustomFieldDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PIPELINE, type Handler, makeDeal, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { makeCustomField } from '../../testing/record-fixtures';
import { renderApp } from '../../testing/render';

const field = (key: string, label: string, type: CustomFieldDto['type'], extra: Partial<CustomFieldDto> = {}) => makeCustomField({ key, label, type, ...extra });

const fields = [
  field('budget_code', 'Budget code', 'text', { required: true }),
  field('region', 'Region', 'single_select', { options: ['North', 'South'] }),
  field('seats', 'Seats', 'number'),
  field('signed', 'Signed', 'checkbox'),
];

const routes = (created: Handler) => ({
  ...shellRoutes(),
  'GET /api/v1/deals/budgets': { body: { data: [] } },
  'GET /api/v1/deals': page([]),
  'GET /api/v1/custom-fields': { body: { data: fields } },
  'GET /api/v1/pipelines': { body: { data: [DEFAULT_PIPELINE] } },
  'POST /api/v1/deals': created,
});

async function openNewDeal() {
  signIn();
  renderApp('/deals');
  fireEvent.click(await screen.findByRole('button', { name: 'New deal' }));
  const dialog = await screen.findByRole('dialog', { name: 'New deal' });
  await within(dialog).findByLabelText('Budget code (required)');
  return dialog;
}

describe('DealForm custom fields', { timeout: 20_000 }, () => {
  it('renders the deal fields and sends their values typed', async () => {
    const api = mockApi(routes({ status: 201, body: makeDeal({ id: 'd1', name: 'Typed', custom_fields: { budget_code: 'BC-1' } }) }));
    const dialog = await openNewDeal();
    fireEvent.change(within(dialog).getByLabelText('Deal name'), { target: { value: 'Typed' } });
    fireEvent.change(within(dialog).getByLabelText('Budget code (required)'), { target: { value: 'BC-1' } });
    fireEvent.change(within(dialog).getByLabelText('Region'), { target: { value: 'South' } });
    fireEvent.change(within(dialog).getByLabelText('Seats'), { target: { value: '12' } });
    fireEvent.click(within(dialog).getByLabelText('Signed'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create deal' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/deals')).toHaveLength(1));
    expect((api.callsTo('POST', '/api/v1/deals')[0].body as { custom_fields: unknown }).custom_fields).toEqual({ budget_code: 'BC-1', region: 'South', seats: 12, signed: true });
  });

  it("shows the api's custom_fields.<key> error beside its field", async () => {
    mockApi(
      routes({
        status: 400,
        body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'custom_fields.budget_code', errors: ['custom_fields.budget_code is required'] }] },
      }),
    );
    const dialog = await openNewDeal();
    fireEvent.change(within(dialog).getByLabelText('Deal name'), { target: { value: 'Missing' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create deal' }));
    expect(await within(dialog).findByText('custom_fields.budget_code is required')).toBeTruthy();
    expect(within(dialog).getByLabelText('Budget code (required)').getAttribute('aria-invalid')).toBe('true');
  });

  it('says so when the fields cannot be loaded', async () => {
    mockApi({ ...routes({ status: 201, body: {} }), 'GET /api/v1/custom-fields': { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } } });
    signIn();
    renderApp('/deals');
    fireEvent.click(await screen.findByRole('button', { name: 'New deal' }));
    const dialog = await screen.findByRole('dialog', { name: 'New deal' });
    expect(await within(dialog).findByText('Could not load the custom fields')).toBeTruthy();
  });
});
