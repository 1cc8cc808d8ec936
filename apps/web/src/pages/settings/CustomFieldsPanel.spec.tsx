import type { CustomFieldDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const region: CustomFieldDto = {
  id: 'f1',
  record_type: 'deal',
  key: 'region',
  label: 'Region',
  type: 'single_select',
  required: false,
  options: ['North', 'South'],
  position: 0,
  deleted_at: null,
  version: 2,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};
const old = { ...region, id: 'f2', key: 'legacy', label: 'Legacy', type: 'text' as const, options: [], deleted_at: '2026-01-10T00:00:00Z' };

const lists = (live: CustomFieldDto[], deleted: CustomFieldDto[] = []) => ({
  'GET /api/v1/custom-fields': (call: { query: Record<string, string> }) => ({ body: { data: call.query.deleted === 'true' ? deleted : live } }),
});

describe('Settings: custom fields', { timeout: 20_000 }, () => {
  it('adds a select field with its options', async () => {
    const api = mockApi({ ...shellRoutes(), ...lists([]), 'POST /api/v1/custom-fields': { status: 201, body: region } });
    signIn();
    renderApp('/settings?tab=custom-fields');
    expect(await screen.findByText('No custom fields yet')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'New custom field' });
    fireEvent.change(within(form).getByLabelText('Label'), { target: { value: 'Region' } });
    fireEvent.change(within(form).getByLabelText('Key'), { target: { value: 'region' } });
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'single_select' } });
    fireEvent.change(within(form).getByLabelText('Options (comma-separated)'), { target: { value: 'North, South,' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add field' }));
    expect(await screen.findByText('Region added')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/custom-fields')[0].body).toEqual({ record_type: 'deal', key: 'region', label: 'Region', type: 'single_select', required: false, options: ['North', 'South'] });
  });

  it('renames with the version it showed, deletes and restores', async () => {
    const api = mockApi({
      ...shellRoutes(),
      ...lists([region], [old]),
      'PATCH /api/v1/custom-fields/:id': { body: { ...region, label: 'Sales region', version: 3 } },
      'DELETE /api/v1/custom-fields/:id': { status: 204 },
      'POST /api/v1/custom-fields/:id/restore': { body: { ...old, deleted_at: null } },
    });
    signIn();
    renderApp('/settings?tab=custom-fields');
    const row = await screen.findByRole('form', { name: 'Custom field Region' });
    fireEvent.change(within(row).getByLabelText('Label'), { target: { value: 'Sales region' } });
    fireEvent.click(within(row).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Sales region saved')).toBeTruthy();
    const patch = api.callsTo('PATCH', '/api/v1/custom-fields/f1')[0];
    expect(patch.body).toEqual({ label: 'Sales region', required: false });
    expect(patch.headers.get('If-Match')).toBe('2');

    fireEvent.click(within(row).getByRole('button', { name: 'Delete Region' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/v1/custom-fields/f1')).toHaveLength(1));

    const deleted = await screen.findByRole('list', { name: 'Deleted custom fields' });
    fireEvent.click(within(deleted).getByRole('button', { name: 'Restore Legacy' }));
    expect(await screen.findByText('Legacy restored')).toBeTruthy();
  });

  it('is not offered to managers', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/users': { body: { data: [], next_cursor: null } },
      'GET /api/v1/users/invitations': { body: { data: [] } },
      'GET /api/v1/time-entries/unlinked-employees': { body: { data: [], next_cursor: null } },
    });
    signIn(makeUser('manager'));
    renderApp('/settings?tab=custom-fields');
    await screen.findByRole('tablist', { name: 'Settings sections' });
    expect(screen.queryByRole('tab', { name: 'Custom fields' })).toBeNull();
  });
});
