import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeUser, mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const address = { address: 'k3j9x2m4q8w7abcd@inbound.example.test', token: 'k3j9x2m4q8w7abcd', updated_at: '2026-05-01T10:00:00Z' };

describe('Settings: email logging', { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it('shows the inbound address with copy; an admin rotates it and sees the webhook secret once', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const api = mockApi({
      ...shellRoutes(),
      'GET /api/v1/email-log/address': { body: address },
      'POST /api/v1/email-log/address/rotate': { body: { address: 'newtoken00000000@inbound.example.test', token: 'newtoken00000000', updated_at: '2026-05-02T10:00:00Z', webhook_secret: 'whsec_c2VjcmV0' } },
    });
    signIn();
    renderApp('/settings?tab=email');
    const field = (await screen.findByLabelText('Inbound address')) as HTMLInputElement;
    expect(field.value).toBe(address.address);
    fireEvent.click(screen.getByRole('button', { name: 'Copy inbound address' }));
    expect(writeText).toHaveBeenCalledWith(address.address);

    fireEvent.click(screen.getByRole('button', { name: 'Rotate address' }));
    const confirm = await screen.findByRole('dialog', { name: 'Rotate the inbound address?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Rotate' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/email-log/address/rotate')).toHaveLength(1));
    expect(((await screen.findByLabelText('Inbound webhook secret')) as HTMLInputElement).value).toBe('whsec_c2VjcmV0');
    await waitFor(() => expect((screen.getByLabelText('Inbound address') as HTMLInputElement).value).toBe('newtoken00000000@inbound.example.test'));
  });

  it('shows a manager the address without the rotate button', async () => {
    mockApi({ ...shellRoutes(), 'GET /api/v1/email-log/address': { body: address } });
    signIn(makeUser('manager'));
    renderApp('/settings?tab=email');
    expect(((await screen.findByLabelText('Inbound address')) as HTMLInputElement).value).toBe(address.address);
    expect(screen.queryByRole('button', { name: 'Rotate address' })).toBeNull();
  });
});
