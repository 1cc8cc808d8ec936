import type { InvoiceDto } from '@clockwork/api-client';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toast';
import { accountingFormats } from './accounting-formats';
import { downloadAccountingExport, type AccountingFormat } from './invoices.queries';

/** "Export for Xero / QuickBooks / CSV" of an issued or paid invoice (nothing for drafts and void invoices). */
export function AccountingExportButtons({ invoice }: { invoice: InvoiceDto }) {
  const toast = useToast();
  const [busy, setBusy] = useState<AccountingFormat | null>(null);
  if (invoice.status !== 'issued' && invoice.status !== 'paid') return null;
  const run = async (format: AccountingFormat, label: string) => {
    setBusy(format);
    try {
      await downloadAccountingExport(invoice, format);
    } catch (error) {
      toast.error(`Could not export for ${label}: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div role="group" aria-label="Export for accounting" className="flex flex-wrap gap-2">
      {accountingFormats.map(({ format, label }) => (
        <Button key={format} variant="secondary" icon="download" busy={busy === format} disabled={busy !== null} onClick={() => run(format, label)} aria-label={`Export for ${label}`}>
          {label}
        </Button>
      ))}
    </div>
  );
}
