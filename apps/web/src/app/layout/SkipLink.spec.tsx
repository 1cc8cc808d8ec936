import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { dashboardRoutes, mockApi, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';

const focusable = () =>
  Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')).filter((el) => el.tabIndex >= 0 && !el.hasAttribute('disabled'));

describe('keyboard access to the app shell', () => {
  it('makes "Skip to main content" the first stop of Tab, pointing at the focusable main region', async () => {
    mockApi(dashboardRoutes());
    signIn();
    renderApp('/');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
    const skip = screen.getByRole('link', { name: 'Skip to main content' });
    expect(focusable()[0]).toBe(skip);
    expect(skip.getAttribute('href')).toBe('#main-content');
    const main = screen.getByRole('main');
    expect(main.id).toBe('main-content');
    expect(main.tabIndex).toBe(-1); // focusable by the link, not a Tab stop of its own
  });

  it('gives the focus back to the account menu button when Escape closes the menu', async () => {
    mockApi(dashboardRoutes());
    signIn();
    renderApp('/');
    const opener = await screen.findByRole('button', { name: /account menu/i });
    fireEvent.click(opener);
    const item = screen.getByRole('menuitem', { name: 'Your account' });
    item.focus();
    fireEvent.keyDown(item, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});
