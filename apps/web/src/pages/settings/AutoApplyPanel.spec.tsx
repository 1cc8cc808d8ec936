import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const settings = { timesheet_period: 'week', invoices_require_approval: false, timezone: 'UTC', auto_apply_suggestions: false, confidence_threshold: 0.9 };

describe('Settings: auto-apply of mapping suggestions', { timeout: 20_000 }, () => {
  it('turns auto-apply on with a threshold', async () => {
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/organization/settings': { body: settings },
      'PATCH /api/v1/organization/settings': { body: { ...settings, auto_apply_suggestions: true, confidence_threshold: 0.8 } },
    });
    signIn();
    renderApp('/settings?tab=organization');
    const form = await screen.findByRole('form', { name: 'Auto-apply mapping suggestions' });
    const box = within(form).getByRole('checkbox', { name: /Apply mapping suggestions automatically/ }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect((within(form).getByLabelText('Confidence threshold') as HTMLInputElement).value).toBe('0.9');
    fireEvent.click(box);
    fireEvent.change(within(form).getByLabelText('Confidence threshold'), { target: { value: '0.8' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save auto-apply' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/organization/settings')[0]?.body).toEqual({ auto_apply_suggestions: true, confidence_threshold: 0.8 }));
    expect(await screen.findByText('Saved the auto-apply setting')).toBeTruthy();
  });

  it('shows the api field error beside the threshold', async () => {
    mockApi({
      ...shellRoutes(),
      'GET /api/v1/organization/settings': { body: settings },
      'PATCH /api/v1/organization/settings': { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'confidence_threshold', errors: ['confidence_threshold must be at least 0.5'] }] } },
    });
    signIn();
    renderApp('/settings?tab=organization');
    const form = await screen.findByRole('form', { name: 'Auto-apply mapping suggestions' });
    fireEvent.change(within(form).getByLabelText('Confidence threshold'), { target: { value: '0.3' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save auto-apply' }));
    expect(await within(form).findByText('confidence_threshold must be at least 0.5')).toBeTruthy();
  });
});
