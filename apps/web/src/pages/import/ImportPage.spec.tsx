import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi, shellRoutes, signIn } from '../../testing/mock-api';
import { renderApp } from '../../testing/render';
import { importProgress, mergeMapping } from './import.queries';

const preview = (mapping: Record<string, string>) => ({
  kind: 'accounts',
  file_name: 'accounts.csv',
  headers: ['Company', 'Sector'],
  mapping,
  unmapped_headers: [],
  rows: [{ row: 2, action: 'create', record: { name: 'Acme', industry: 'Retail' } }],
  errors: [],
});

describe('CSV import', () => {
  it('previews, lets the columns be remapped, then imports and follows the progress', async () => {
    let polls = 0;
    const api = mockApi({
      ...shellRoutes(),
      'POST /api/v1/imports': (call) => {
        const body = call.body as Record<string, string>;
        if (body.dry_run === 'true') return { body: preview(body.mapping ? JSON.parse(body.mapping) : { Company: 'name' }) };
        return { status: 202, body: { id: 'imp-1', kind: 'accounts', status: 'pending', file_name: 'accounts.csv', total_rows: null, processed_rows: 0, created_count: 0, updated_count: 0, error_count: 0, errors: [] } };
      },
      'GET /api/v1/imports/:id': () => {
        polls += 1;
        const finished = polls > 1;
        return { body: { id: 'imp-1', kind: 'accounts', status: finished ? 'completed' : 'running', file_name: 'accounts.csv', total_rows: 4, processed_rows: finished ? 4 : 2, created_count: finished ? 4 : 2, updated_count: 0, error_count: 0, failure: null, errors: [] } };
      },
    });
    signIn();
    renderApp('/import?kind=accounts');
    const file = new File(['Company,Sector\nAcme,Retail\n'], 'accounts.csv', { type: 'text/csv' });
    fireEvent.change(await screen.findByLabelText('CSV file'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));

    const sector = await screen.findByRole('combobox', { name: 'Sector' });
    expect((screen.getByRole('combobox', { name: 'Company' }) as HTMLSelectElement).value).toBe('name');
    expect((sector as HTMLSelectElement).value).toBe('');
    fireEvent.change(sector, { target: { value: 'industry' } });
    fireEvent.click(screen.getByRole('button', { name: 'Update preview' }));
    await waitFor(() => expect(api.callsTo('POST', '/api/v1/imports')).toHaveLength(2));
    expect(JSON.parse((api.callsTo('POST', '/api/v1/imports')[1].body as { mapping: string }).mapping)).toEqual({ Company: 'name', Sector: 'industry' });
    expect(within(await screen.findByRole('table', { name: 'Import preview' })).getByText('Retail')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Import accounts' }));
    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'), { timeout: 4000 });
    expect(screen.getByText('4 of 4 rows · 4 created · 0 updated · 0 errors')).toBeTruthy();
    const started = api.callsTo('POST', '/api/v1/imports')[2].body as Record<string, unknown>;
    expect(started.dry_run).toBeUndefined();
    expect(started.kind).toBe('accounts');
  });

  it('merges the guessed mapping with the changes and reports progress', () => {
    expect(mergeMapping(['A', 'B', 'C'], { A: 'name', B: 'phone' }, { B: '', C: 'domain' })).toEqual({ A: 'name', B: '', C: 'domain' });
    expect(importProgress({ status: 'running', processed_rows: 5, total_rows: 20 })).toBe(25);
    expect(importProgress({ status: 'pending', processed_rows: 0, total_rows: null })).toBeNull();
    expect(importProgress({ status: 'completed', processed_rows: 0, total_rows: 0 })).toBe(100);
  });
});
