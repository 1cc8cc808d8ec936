import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ActionsTd, ActionsTh, NameCell, RowsTable } from './Table';

const keys = [{ id: 'k1', name: 'Backend', prefix: 'ck_ab12' }];

describe('NameCell and ActionsTd', () => {
  it('show a row name over its detail line, and the row actions under a screen-reader-only header', () => {
    render(
      <RowsTable label="Keys" rows={keys} rowKey={(k) => k.id} columns={['Name', <ActionsTh key="actions" />]}>
        {(k) => (
          <>
            <NameCell name={k.name} detail={<code>{k.prefix}…</code>} />
            <ActionsTd>
              <button type="button">Revoke {k.name}</button>
            </ActionsTd>
          </>
        )}
      </RowsTable>,
    );
    const table = screen.getByRole('table', { name: 'Keys' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Name', 'Actions']);
    const [name, actions] = within(table).getAllByRole('cell');
    expect(within(name).getAllByRole('paragraph').map((p) => p.textContent)).toEqual(['Backend', 'ck_ab12…']);
    expect(within(actions).getByRole('button', { name: 'Revoke Backend' })).toBeTruthy();
  });

  it('leaves out the detail line when there is none', () => {
    render(
      <table>
        <tbody>
          <tr>
            <NameCell name="Ada" />
          </tr>
        </tbody>
      </table>,
    );
    expect(within(screen.getByRole('cell')).getAllByRole('paragraph')).toHaveLength(1);
  });
});
