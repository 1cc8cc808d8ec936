import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Card, DetailList } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { RecordPageState } from '../../components/States';
import { formatDate, formatDateTime } from '../../lib/format';
import { InvoiceActions } from './InvoiceActions';
import { InvoiceLinesTable } from './InvoiceLinesTable';
import { amount, InvoiceStatusBadge, invoiceTitle, periodOf, statusLabels } from './invoice-format';
import { useInvoice } from './invoices.queries';

const link = 'rounded text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

export function InvoiceDetailPage() {
  const { id = '' } = useParams();
  const invoice = useInvoice(id);
  const status = useRef<HTMLParagraphElement>(null);
  const current = invoice.data?.status;
  const seen = useRef(current);
  // After an action the button used is gone: the keyboard focus goes to the new state.
  useEffect(() => {
    if (seen.current && current && seen.current !== current) status.current?.focus();
    seen.current = current;
  }, [current]);

  if (invoice.isPending || invoice.error) return <RecordPageState query={invoice} noun="invoice" />;
  const i = invoice.data;
  const customer = i.deal_id ? (
    <Link to={`/deals/${i.deal_id}`} className={link}>
      {i.customer_name}
    </Link>
  ) : i.account_id ? (
    <Link to={`/accounts/${i.account_id}`} className={link}>
      {i.customer_name}
    </Link>
  ) : (
    i.customer_name
  );
  const dates: Array<[string, string]> = [
    ...(i.issued_at ? [['Issued', formatDateTime(i.issued_at)] as [string, string]] : []),
    ...(i.paid_at ? [['Paid', formatDate(i.paid_at)] as [string, string]] : []),
    ...(i.voided_at ? [['Voided', formatDateTime(i.voided_at)] as [string, string]] : []),
  ];
  return (
    <>
      <PageHeader
        title={invoiceTitle(i)}
        back={{ to: '/invoices', label: 'Invoices' }}
        meta={
          <>
            <InvoiceStatusBadge status={i.status} />
            <p ref={status} tabIndex={-1} role="status" className="rounded text-sm text-slate-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
              {statusLabels[i.status]}, total {amount(i.total, i.currency)}
            </p>
          </>
        }
        actions={<InvoiceActions invoice={i} />}
      />
      <div className="space-y-6">
        <Card title="Details">
          <DetailList
            items={[
              ['Customer', customer],
              ['Period', periodOf(i)],
              ['Invoice date', formatDate(i.invoice_date)],
              ['Currency', i.currency],
              ...dates,
              ...(i.void_reason ? [['Void reason', i.void_reason] as [string, string]] : []),
              ...(i.notes ? [['Notes', i.notes] as [string, string]] : []),
            ]}
          />
        </Card>
        <Card title="Lines" padded={false}>
          <InvoiceLinesTable label="Invoice lines" lines={i.lines} totals={i} />
        </Card>
      </div>
    </>
  );
}
