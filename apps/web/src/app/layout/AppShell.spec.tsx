import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '../../api/session';
import { dashboardRoutes, makeUser, mockApi, page, signIn } from '../../testing/mock-api';
import { currentLocation, renderApp } from '../../testing/render';

const navLabels = () => within(screen.getByRole('navigation', { name: 'Main' })).getAllByRole('link').map((a) => a.textContent);

describe('AppShell', () => {
  it('sends a signed-out visitor to the sign-in page, remembering where they were going', async () => {
    mockApi(dashboardRoutes());
    renderApp('/deals?stage=won');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(currentLocation()).toBe(`/login?next=${encodeURIComponent('/deals?stage=won')}`);
  });

  it('shows an admin every section, with the current one marked', async () => {
    mockApi({ ...dashboardRoutes(), 'GET /api/v1/users/me': { body: makeUser('admin') } });
    signIn(makeUser('admin'));
    renderApp('/accounts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
    expect(navLabels()).toEqual(['Dashboard', 'Accounts', 'Contacts', 'Deals', 'Tasks', 'Time Entries', 'My timesheet', 'Approvals', 'Reports', 'Invoices', 'Integrations', 'Sync conflicts', 'Unmatched emails', 'Audit log', 'Privacy', 'Settings']);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Accounts' }).getAttribute('aria-current')).toBe('page');
  });

  it('hides Settings, Reports and Integrations from sales, and refuses the Settings address', async () => {
    mockApi({ ...dashboardRoutes(), 'GET /api/v1/users/me': { body: makeUser('sales') } });
    signIn(makeUser('sales'));
    renderApp('/settings');
    expect(await screen.findByText('This page is not available to your role')).toBeTruthy();
    expect(navLabels()).toEqual(['Dashboard', 'Accounts', 'Contacts', 'Deals', 'Tasks', 'My time', 'My timesheet']);
  });

  it('shows support only contacts, tasks and time besides the dashboard', async () => {
    mockApi({ ...dashboardRoutes(), 'GET /api/v1/users/me': { body: makeUser('support') }, 'GET /api/v1/contacts': page([]) });
    signIn(makeUser('support'));
    renderApp('/contacts');
    expect(await screen.findByRole('heading', { level: 1, name: 'Contacts' })).toBeTruthy();
    expect(navLabels()).toEqual(['Dashboard', 'Contacts', 'Tasks', 'My time', 'My timesheet']);
  });

  it('opens the navigation drawer from the menu button and closes it with Escape', async () => {
    mockApi({ ...dashboardRoutes(), 'GET /api/v1/tasks': page([]) });
    signIn();
    renderApp('/accounts');
    await screen.findByRole('heading', { level: 1, name: 'Accounts' });
    const menuButton = screen.getByRole('button', { name: 'Open navigation' });
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(menuButton);
    const drawer = screen.getByRole('dialog', { name: 'Navigation menu' });
    expect(document.activeElement).toBe(within(drawer).getByRole('button', { name: 'Close navigation' }));
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(menuButton);

    fireEvent.click(menuButton);
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('link', { name: 'Tasks' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('heading', { level: 1, name: 'Tasks' })).toBeTruthy();
  });

  it('signs out: revokes the refresh token, forgets the session and shows the sign-in page', async () => {
    const api = mockApi({ ...dashboardRoutes(), 'POST /api/v1/auth/logout': { status: 204 } });
    signIn();
    renderApp('/');
    fireEvent.click(await screen.findByRole('button', { name: /account menu/i }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(sessionStore.get()).toBeNull();
    expect(localStorage.getItem('clockwork.session')).toBeNull();
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/auth/logout').map((c) => c.body)).toEqual([{ refresh_token: 'refresh-1' }]));
  });

  it('shows a not-found page for unknown addresses', async () => {
    mockApi(dashboardRoutes());
    signIn();
    renderApp('/nowhere');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
