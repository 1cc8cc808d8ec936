import type { InvoiceDto } from '@clockwork/api-client';
import { Button } from '../../components/Button';
import { useDownload } from '../../lib/use-download';
import { accountingFormats } from './accounting-formats';
import { downloadAccountingExport, type AccountingFormat } from './invoices.queries';

/** "Export for Xero / QuickBooks / CSV" of an issued or paid invoice (nothing for drafts and void invoices). */
export function AccountingExportButtons({ invoice }: { invoice: InvoiceDto }) {
  const files = useDownload<AccountingFormat>();
  if (invoice.status !== 'issued' && invoice.status !== 'paid') return null;
  return (
    <div role="group" aria-label="Export for accounting" className="flex flex-wrap gap-2">
      {accountingFormats.map(({ format, label }) => (
        <Button key={format} variant="secondary" icon="download" busy={files.busy === format} disabled={files.busy !== null} onClick={() => files.run(format, () => downloadAccountingExport(invoice, format), `Could not export for ${label}`)} aria-label={`Export for ${label}`}>
          {label}
        </Button>
      ))}
    </div>
  );
}
