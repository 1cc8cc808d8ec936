import type { DealMilestoneDto } from '@clockwork/api-client';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/App';
import { makeDeal, makeUser, mockApi, signIn } from '../../testing/mock-api';
import { renderWithProviders } from '../../testing/render';
import { DealMilestonesCard } from './DealMilestonesCard';

const deal = makeDeal({ id: 'd1', name: 'Website', billing_model: 'fixed', currency: 'EUR' });
const milestone = (id: string, name: string, amount_cents: number, status: DealMilestoneDto['status'], extra: Partial<DealMilestoneDto> = {}): DealMilestoneDto => ({
  id,
  deal_id: 'd1',
  name,
  amount_cents,
  due_on: '2026-04-30',
  status,
  reached_on: status === 'planned' ? null : '2026-04-20',
  invoice_id: status === 'invoiced' ? 'inv1' : null,
  version: 1,
  created_at: '2026-04-01T10:00:00Z',
  updated_at: '2026-04-01T10:00:00Z',
  ...extra,
});
const design = milestone('m1', 'Design signed off', 250000, 'planned');
const build = milestone('m2', 'Build delivered', 412550, 'reached');
const launch = milestone('m3', 'Launch', 100000, 'invoiced');
const LIST = 'GET /api/v1/deals/d1/milestones';
const list = (data: DealMilestoneDto[]) => ({ body: { data } });
const render = () =>
  renderWithProviders(
    <AppProviders>
      <DealMilestonesCard deal={deal} />
    </AppProviders>,
  );
/** "€2,500.00": the amount formatted here from cents, not taken from the component. */
const eur = (cents: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2 }).format(cents / 100);
const bad = (field: string, message: string) => ({ status: 400, body: { statusCode: 400, error: 'Bad Request', message: 'Validation failed', details: [{ field, errors: [message] }] } });

describe('Deal milestones (fixed fee)', () => {
  it('lists the milestones with amount, due date and state, and their total; an invoiced one cannot be changed', async () => {
    mockApi({ [LIST]: list([design, build, launch]) });
    signIn();
    render();
    const items = within(await screen.findByRole('list', { name: 'Milestones' })).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('aria-label'))).toEqual(['Design signed off', 'Build delivered', 'Launch']);
    expect(items[0].textContent).toContain(eur(250000));
    expect(items[0].textContent).toContain('due Apr 30, 2026');
    expect(within(items[0]).getByText('Planned')).toBeTruthy();
    expect(within(items[1]).getByText('Reached Apr 20, 2026')).toBeTruthy();
    expect(within(items[2]).getByText('Invoiced')).toBeTruthy();
    expect(within(items[0]).getByRole('button', { name: 'Mark reached: Design signed off' })).toBeTruthy();
    expect(within(items[1]).queryByRole('button', { name: /reached/ })).toBeNull();
    expect(within(items[2]).queryAllByRole('button')).toEqual([]);
    expect(screen.getByText(eur(250000 + 412550 + 100000))).toBeTruthy();
  });

  it('adds a milestone (amount sent as cents) and names a refused field', async () => {
    let posts = 0;
    const api = mockApi({
      [LIST]: () => list(posts === 2 ? [design] : []),
      'POST /api/v1/deals/d1/milestones': () => (++posts === 1 ? bad('due_on', 'due_on must be a date (YYYY-MM-DD)') : { status: 201, body: design }),
    });
    signIn();
    render();
    expect(await screen.findByText('No milestones yet')).toBeTruthy();
    const form = screen.getByRole('form', { name: 'New milestone' });
    fireEvent.change(within(form).getByLabelText('Milestone name'), { target: { value: 'Design signed off' } });
    fireEvent.change(within(form).getByLabelText('Amount (EUR)'), { target: { value: '2500.50' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add milestone' }));
    expect(await within(form).findByText('due_on must be a date (YYYY-MM-DD)')).toBeTruthy();
    expect(within(form).getByLabelText('Due date').getAttribute('aria-invalid')).toBe('true');
    expect(api.callsTo('POST', '/api/v1/deals/d1/milestones')[0].body).toEqual({ name: 'Design signed off', amount_cents: 2500.5 * 100, due_on: '' });

    fireEvent.change(within(form).getByLabelText('Due date'), { target: { value: '2026-04-30' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add milestone' }));
    expect(await screen.findByText('Milestone "Design signed off" added')).toBeTruthy();
    expect(api.callsTo('POST', '/api/v1/deals/d1/milestones')[1].body).toEqual({ name: 'Design signed off', amount_cents: 2500.5 * 100, due_on: '2026-04-30' });
    await screen.findByRole('list', { name: 'Milestones' });
    expect((within(screen.getByRole('form', { name: 'New milestone' })).getByLabelText('Milestone name') as HTMLInputElement).value).toBe('');
  });

  it('edits, marks reached and deletes (after confirming) a milestone', async () => {
    const api = mockApi({
      [LIST]: list([design]),
      'PATCH /api/v1/deals/d1/milestones/m1': { body: { ...design, name: 'Design approved', amount_cents: 260000 } },
      'POST /api/v1/deals/d1/milestones/m1/reach': { body: { ...design, status: 'reached', reached_on: '2026-04-21' } },
      'DELETE /api/v1/deals/d1/milestones/m1': { status: 204 },
    });
    signIn();
    render();
    const item = await screen.findByRole('listitem', { name: 'Design signed off' });
    fireEvent.click(within(item).getByRole('button', { name: 'Edit Design signed off' }));
    const form = within(item).getByRole('form', { name: 'Edit milestone Design signed off' });
    expect((within(form).getByLabelText('Amount (EUR)') as HTMLInputElement).value).toBe((250000 / 100).toFixed(2));
    fireEvent.change(within(form).getByLabelText('Milestone name'), { target: { value: 'Design approved' } });
    fireEvent.change(within(form).getByLabelText('Amount (EUR)'), { target: { value: '2600' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save milestone' }));
    await waitFor(() => expect(api.callsTo('PATCH', '/api/v1/deals/d1/milestones/m1')[0]?.body).toEqual({ name: 'Design approved', amount_cents: 2600 * 100, due_on: '2026-04-30' }));
    await waitFor(() => expect(within(item).queryByRole('form')).toBeNull());

    fireEvent.click(within(item).getByRole('button', { name: 'Mark reached: Design signed off' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/deals/d1/milestones/m1/reach')).toHaveLength(1));
    expect(api.callsTo('POST', '/api/v1/deals/d1/milestones/m1/reach')[0].body).toEqual({});

    fireEvent.click(within(item).getByRole('button', { name: 'Delete Design signed off' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete milestone' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(api.callsTo('DELETE', '/api/v1/deals/d1/milestones/m1')).toHaveLength(1));
  });

  it('shows sales the milestones without the forms, and says so when they cannot be read', async () => {
    mockApi({ [LIST]: list([]) });
    signIn(makeUser('sales'));
    const { unmount } = render();
    expect(await screen.findByText('No milestones yet')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'New milestone' })).toBeNull();
    unmount();

    mockApi({ [LIST]: { status: 500, body: { statusCode: 500, error: 'Internal Server Error', message: 'boom' } } });
    signIn();
    render();
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});
