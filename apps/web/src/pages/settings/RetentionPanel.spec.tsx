import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const policy = { id: 'p1', kind: 'audit_logs', keep_months: 24, action: 'delete', last_applied_at: null, last_affected: null, version: 1, created_at: '', updated_at: '' };

describe('Settings: data retention', () => {
  it('saves a policy per kind and previews a dry run', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/retention-policies': { body: { data: [policy] } },
      'PUT /api/v1/retention-policies/:kind': { body: { ...policy, id: 'p2', kind: 'time_entries', keep_months: 36, action: 'anonymize' } },
      'POST /api/v1/retention-policies/dry-run': {
        body: { data: [{ kind: 'time_entries', action: 'anonymize', keep_months: 36, cutoff: '2023-03-01T00:00:00.000Z', affected: 120, skipped_invoiced: 4 }] },
      },
    });
    signIn();
    renderApp('/settings?tab=retention');
    const audit = await screen.findByRole('form', { name: 'Audit log retention' });
    expect((within(audit).getByLabelText('Keep for (months)') as HTMLInputElement).value).toBe('24');

    const time = screen.getByRole('form', { name: 'Time entries retention' });
    fireEvent.change(within(time).getByLabelText('Keep for (months)'), { target: { value: '36' } });
    fireEvent.change(within(time).getByLabelText('Then'), { target: { value: 'anonymize' } });
    fireEvent.click(within(time).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Time entries: retention saved')).toBeTruthy();
    expect(api.callsTo('PUT', '/api/v1/retention-policies/time_entries')[0].body).toEqual({ keep_months: 36, action: 'anonymize' });

    fireEvent.click(screen.getByRole('button', { name: 'Preview what would be removed' }));
    const list = await screen.findByRole('list', { name: 'Dry run' });
    expect(list.textContent).toBe('Time entries: 120 would be anonymized (before Mar 1, 2023), 4 kept because invoiced');
  });

  it('shows the API field errors beside the field', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/retention-policies': { body: { data: [] } },
      'PUT /api/v1/retention-policies/:kind': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'keep_months', errors: ['keep_months must be at least 1'] }] } },
    });
    signIn();
    renderApp('/settings?tab=retention');
    const notes = await screen.findByRole('form', { name: 'Notes retention' });
    fireEvent.change(within(notes).getByLabelText('Keep for (months)'), { target: { value: '5' } });
    fireEvent.click(within(notes).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(notes).getByText('keep_months must be at least 1')).toBeTruthy());
  });

  it('is not offered to managers', async () => {
    const manager = makeUser('manager');
    // The page falls back to the users tab, which lists the users and the pending invitations.
    mockApi({ ...shellRoutes({ users: [makeUser('admin'), manager] }), 'GET /api/v1/time-entries/unlinked-employees': page([]), 'GET /api/v1/users/invitations': { body: { data: [] } } });
    signIn(manager);
    renderApp('/settings?tab=retention');
    await screen.findByRole('tab', { name: 'Users and roles' });
    expect(screen.queryByRole('tab', { name: 'Data retention' })).toBeNull();
  });
});
