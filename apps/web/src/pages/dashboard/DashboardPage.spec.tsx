import { healthCheck } from '@clockwork/api-client';
import { fireEvent, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { DashboardPage } from './DashboardPage';

vi.mock('@clockwork/api-client', () => ({ healthCheck: vi.fn() }));

type HealthResult = Awaited<ReturnType<typeof healthCheck>>;
const mockedHealthCheck = vi.mocked(healthCheck);

function reply(result: { data?: unknown; error?: unknown; status?: number }): HealthResult {
  const response = result.status === undefined ? undefined : ({ status: result.status, ok: result.status < 300 } as Response);
  return { data: result.data, error: result.error, response, request: {} as Request } as HealthResult;
}

const badgeOf = (component: string) => within(screen.getByRole('article', { name: component })).getByText(/^(Up|Down|Unknown|Checking…)$/);

describe('DashboardPage (system status)', () => {
  beforeEach(() => {
    mockedHealthCheck.mockReset();
  });

  it('shows API, Database and Redis as up when the health check says so', async () => {
    mockedHealthCheck.mockResolvedValue(reply({ data: { status: 'ok', db: 'up', redis: 'up' }, status: 200 }));
    renderWithProviders(<DashboardPage />);

    expect(await screen.findByText('All systems operational')).toBeTruthy();
    expect(badgeOf('API').textContent).toBe('Up');
    expect(badgeOf('Database').textContent).toBe('Up');
    expect(badgeOf('Redis').textContent).toBe('Up');
    expect(mockedHealthCheck).toHaveBeenCalledTimes(1);
  });

  it('shows the part that is down from a 503 report', async () => {
    mockedHealthCheck.mockResolvedValue(reply({ error: { status: 'error', db: 'down', redis: 'up' }, status: 503 }));
    renderWithProviders(<DashboardPage />);

    expect(await screen.findByText('Degraded service')).toBeTruthy();
    expect(screen.getByText('Database is down.')).toBeTruthy();
    expect(badgeOf('API').textContent).toBe('Up');
    expect(badgeOf('Database').textContent).toBe('Down');
    expect(badgeOf('Redis').textContent).toBe('Up');
  });

  it('shows a loading state while the first check runs', () => {
    mockedHealthCheck.mockReturnValue(new Promise(() => undefined) as ReturnType<typeof healthCheck>);
    renderWithProviders(<DashboardPage />);

    expect(screen.getByRole('status').textContent).toContain('Checking system status');
    expect(badgeOf('Database').textContent).toBe('Checking…');
  });

  it('says the API is unreachable when the request fails, and recovers on retry', async () => {
    mockedHealthCheck.mockResolvedValueOnce(reply({ error: new TypeError('Failed to fetch') }));
    renderWithProviders(<DashboardPage />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('API unreachable');
    expect(badgeOf('API').textContent).toBe('Down');
    expect(badgeOf('Database').textContent).toBe('Unknown');
    expect(badgeOf('Redis').textContent).toBe('Unknown');

    mockedHealthCheck.mockResolvedValueOnce(reply({ data: { status: 'ok', db: 'up', redis: 'up' }, status: 200 }));
    fireEvent.click(within(alert).getByRole('button', { name: /retry/i }));

    expect(await screen.findByText('All systems operational')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(badgeOf('API').textContent).toBe('Up');
  });

  it('treats a gateway error without a health report as the API being unreachable', async () => {
    mockedHealthCheck.mockResolvedValue(reply({ error: 'Bad Gateway', status: 502 }));
    renderWithProviders(<DashboardPage />);

    expect((await screen.findByRole('alert')).textContent).toContain('API unreachable');
  });

  it('reports an unexpected answer from the API itself', async () => {
    mockedHealthCheck.mockResolvedValue(reply({ error: { statusCode: 404, error: 'Not Found', message: 'Cannot GET' }, status: 404 }));
    renderWithProviders(<DashboardPage />);

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Unexpected answer from the API');
    expect(alert.textContent).toContain('HTTP 404');
  });
});
