import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeUser, mockApi, page, shellRoutes, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { NotesPanel } from './NotesPanel';

const admin = makeUser('admin');
const note = (id: string, text: string) => ({ id, parent_type: 'account', parent_id: 'a1', text, body: text, is_private: false, author_id: admin.id, created_at: '2026-05-01T10:00:00Z', updated_at: '2026-05-01T10:00:00Z' });

describe('NotesPanel', () => {
  it('sends the content as text, shows text, and names the text field on a 400', async () => {
    let stored = [note('n1', 'Kick-off went well')];
    let attempt = 0;
    const api = mockApi({
      ...shellRoutes({ users: [admin] }),
      'GET /api/v1/notes': () => page(stored),
      'POST /api/v1/notes': (call) => {
        if (attempt++ === 0) return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field: 'text', errors: ['text must not be empty'] }] } };
        stored = [note('n2', (call.body as { text: string }).text), ...stored];
        return { status: 201, body: stored[0] };
      },
    });
    signIn(admin);
    renderWithProviders(
      <AppProviders>
        <NotesPanel parent={{ type: 'account', id: 'a1' }} />
      </AppProviders>,
    );
    expect(await screen.findByText('Kick-off went well')).toBeTruthy();
    const field = screen.getByLabelText('Add a note');
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('text must not be empty')).toBeTruthy();
    expect(field.getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(field, { target: { value: 'Sent the proposal' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add note' }));
    expect(await screen.findByText('Sent the proposal')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/notes')[1].body).toEqual({ parent_type: 'account', parent_id: 'a1', text: 'Sent the proposal', is_private: false });
    expect(within(screen.getByRole('list')).getAllByRole('listitem')).toHaveLength(2);
  });
});
