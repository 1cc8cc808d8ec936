import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAccountOptions, useDealOptions } from '../../api/lookups';
import { Button } from '../../components/Button';
import { SelectFilter } from '../../components/Filters';
import { ListPanel, newRecordsEmpty } from '../../components/ListPanel';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { RowsTable, Td } from '../../components/Table';
import { useDownload } from '../../lib/use-download';
import { useListPage } from '../../lib/use-list-page';
import { amount, invoiceStatuses, InvoiceStatusBadge, invoiceTitle, periodOf, statusLabels } from './invoice-format';
import { downloadInvoiceList, useInvoices } from './invoices.queries';
import { NewInvoiceForm } from './NewInvoiceForm';
import { PeriodExportForm } from './PeriodExportForm';

const FILTERS = ['status', 'account_id', 'deal_id'] as const;
const SAVED = { list: 'invoices' } as const;

export function InvoicesPage() {
  const { values, setFilters, clear, active, creating, setCreating, views } = useListPage(FILTERS, SAVED);
  const accounts = useAccountOptions();
  const deals = useDealOptions();
  const query = useInvoices(values);
  const navigate = useNavigate();
  const file = useDownload<'csv'>();
  const [periodExport, setPeriodExport] = useState(false);

  return (
    <>
      <PageHeader
        title="Invoices"
        description="Bill the tracked time of an account or deal: preview a draft, then issue it, and record its payment."
        actions={
          <>
            <Button variant="secondary" icon="download" busy={file.busy === 'csv'} onClick={() => file.run('csv', () => downloadInvoiceList(values), 'Could not export the invoices')} aria-label="Export the listed invoices as CSV">
              CSV
            </Button>
            <Button variant="secondary" icon="download" onClick={() => setPeriodExport(true)}>
              Export period
            </Button>
            <Button icon="plus" onClick={() => setCreating(true)}>
              New invoice
            </Button>
          </>
        }
      />
      <ListPanel
        views={views}
        query={query}
        active={active}
        onClear={clear}
        empty={newRecordsEmpty('docs', { one: 'invoice', many: 'invoices' }, () => setCreating(true), 'Create a draft from the billable time of an account or a deal.')}
        filters={
          <>
            <SelectFilter label="Status" value={values.status} onChange={(status) => setFilters({ status })} options={invoiceStatuses.map((s) => ({ value: s, label: statusLabels[s] }))} />
            <SelectFilter label="Account" value={values.account_id} onChange={(account_id) => setFilters({ account_id })} options={accounts.accounts.map((a) => ({ value: a.id, label: a.name }))} allLabel="All accounts" />
            <SelectFilter label="Deal" value={values.deal_id} onChange={(deal_id) => setFilters({ deal_id })} options={deals.deals.map((d) => ({ value: d.id, label: d.name }))} allLabel="All deals" />
          </>
        }
      >
        {(rows) => (
          <RowsTable label="Invoices" rows={rows} rowKey={(i) => i.id} columns={['Number', 'Status', 'Customer', ['Period', 'hidden md:table-cell'], ['Total', 'text-right'], ['Currency', 'hidden sm:table-cell']]}>
            {(i) => (
              <>
                <Td>
                  <Link
                    to={`/invoices/${i.id}`}
                    aria-label={invoiceTitle(i)}
                    className="rounded font-medium whitespace-nowrap text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
                  >
                    {i.number ?? 'Draft'}
                  </Link>
                </Td>
                <Td>
                  <InvoiceStatusBadge status={i.status} />
                </Td>
                <Td className="text-slate-800">{i.customer_name}</Td>
                <Td className="hidden whitespace-nowrap md:table-cell">{periodOf(i)}</Td>
                <Td className="text-right font-medium whitespace-nowrap tabular-nums">{amount(i.total)}</Td>
                <Td className="hidden sm:table-cell">{i.currency}</Td>
              </>
            )}
          </RowsTable>
        )}
      </ListPanel>
      {periodExport && (
        <Modal title="Export a period for accounting" onClose={() => setPeriodExport(false)}>
          <PeriodExportForm onDone={() => setPeriodExport(false)} />
        </Modal>
      )}
      {creating && (
        <Modal title="New invoice" onClose={() => setCreating(false)} wide>
          <NewInvoiceForm onCreated={(invoice) => navigate(`/invoices/${invoice.id}`)} />
        </Modal>
      )}
    </>
  );
}
