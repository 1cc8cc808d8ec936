import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { AppRoutes } from '../App';

vi.mock('@clockwork/api-client', () => ({ healthCheck: vi.fn(() => new Promise(() => undefined)) }));

describe('AppShell', () => {
  it('has the product name, a main landmark and a link for every section', () => {
    renderWithProviders(<AppRoutes />, { route: '/accounts' });

    expect(within(screen.getByRole('banner')).getByText('Clockwork CRM')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const labels = within(nav).getAllByRole('link').map((a) => a.textContent);
    expect(labels).toEqual(['Dashboard', 'Accounts', 'Contacts', 'Deals', 'Tasks', 'Time Entries', 'Reports', 'Integrations', 'Settings']);
    expect(within(nav).getByRole('link', { name: 'Accounts' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('heading', { level: 1, name: 'Accounts' })).toBeTruthy();
  });

  it('opens the navigation drawer from the menu button and closes it with Escape', () => {
    renderWithProviders(<AppRoutes />, { route: '/accounts' });
    const menuButton = screen.getByRole('button', { name: 'Open navigation' });

    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(menuButton);
    const drawer = screen.getByRole('dialog', { name: 'Navigation menu' });
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(within(drawer).getByRole('button', { name: 'Close navigation' }));

    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menuButton);
  });

  it('closes the drawer after choosing a section and shows that section', () => {
    renderWithProviders(<AppRoutes />, { route: '/accounts' });

    fireEvent.click(screen.getByRole('button', { name: 'Open navigation' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('link', { name: 'Deals' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Deals' })).toBeTruthy();
    expect(screen.getByText('Coming soon')).toBeTruthy();
  });

  it('shows a not-found page for unknown addresses', () => {
    renderWithProviders(<AppRoutes />, { route: '/nowhere' });
    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
  });
});
