import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TimePerDealChart } from '../pages/dashboard/TimePerDealChart';

const rows = [
  { label: 'Factory dashboard', hours: 12 },
  { label: 'Patient portal', hours: 5.5 },
];

describe('a chart’s text alternative', () => {
  it('names the canvas by its figures, describes it, and has the same figures as a table behind "Show data"', () => {
    render(<TimePerDealChart rows={rows} />);
    const chart = screen.getByRole('img', { name: 'Hours per deal. Factory dashboard: 12 h; Patient portal: 5.5 h' });
    expect(chart.tagName).toBe('CANVAS');
    const description = document.getElementById(chart.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe('Bar chart of hours per deal; its figures are in the table “Hours per deal data” after it.');

    const table = screen.getByRole('table', { name: 'Hours per deal data' });
    const cells = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [within(row).getByRole('rowheader').textContent, Number(within(row).getByRole('cell').textContent)]);
    expect(cells).toEqual(rows.map((r) => [r.label, r.hours]));

    const toggle = screen.getByRole('button', { name: 'Show data' });
    expect(table.parentElement?.className).toBe('sr-only');
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Hide data' }).getAttribute('aria-expanded')).toBe('true');
    expect(table.parentElement?.className).not.toBe('sr-only');
  });
});
