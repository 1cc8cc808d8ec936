import type { InvoiceDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Field, formValues, Input, SubmitRow, Textarea } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { useDownload } from '../../lib/use-download';
import { AccountingExportButtons } from './AccountingExportButtons';
import { downloadInvoice, useDeleteInvoice, useInvoiceAction } from './invoices.queries';

type Dialog = 'pay' | 'void' | 'delete' | null;
const today = () => new Date().toISOString().slice(0, 10);

function Downloads({ invoice }: { invoice: InvoiceDto }) {
  const files = useDownload<'csv' | 'pdf'>();
  return (
    <>
      {(['pdf', 'csv'] as const).map((format) => (
        <Button key={format} variant="secondary" icon="download" busy={files.busy === format} onClick={() => files.run(format, () => downloadInvoice(invoice, format), `Could not download the ${format.toUpperCase()}`)} aria-label={`Download ${format.toUpperCase()}`}>
          {format.toUpperCase()}
        </Button>
      ))}
    </>
  );
}

/**
 * What can be done with the invoice in its state: issue (draft), mark paid with the payment
 * day (issued), void with a reason (draft or issued, confirmed in a dialog), delete (draft),
 * the PDF and CSV downloads and (issued or paid) the accounting exports. Dialogs give the focus back to the button that opened them.
 */
export function InvoiceActions({ invoice }: { invoice: InvoiceDto }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const action = useInvoiceAction(invoice);
  const navigate = useNavigate();
  const remove = useDeleteInvoice(() => navigate('/invoices'));
  const close = () => setDialog(null);
  const errors = fieldErrorsOf(action.error);
  const pay = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const day = formValues(e.currentTarget).paid_on;
    action.mutate({ kind: 'pay', paid_at: day ? `${day}T12:00:00.000Z` : undefined }, { onSuccess: close });
  };
  const voidIt = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    action.mutate({ kind: 'void', reason: formValues(e.currentTarget).reason }, { onSuccess: close });
  };
  const s = invoice.status;
  return (
    <>
      {s === 'draft' && (
        <Button icon="check" busy={action.isPending && action.variables?.kind === 'issue'} disabled={action.isPending} onClick={() => action.mutate({ kind: 'issue' })}>
          Issue invoice
        </Button>
      )}
      {s === 'issued' && (
        <Button icon="check" onClick={() => setDialog('pay')}>
          Mark paid
        </Button>
      )}
      {(s === 'draft' || s === 'issued') && (
        <Button variant="secondary" onClick={() => setDialog('void')}>
          Void
        </Button>
      )}
      {s === 'draft' && (
        <Button variant="danger" icon="trash" onClick={() => setDialog('delete')}>
          Delete draft
        </Button>
      )}
      <Downloads invoice={invoice} />
      <AccountingExportButtons invoice={invoice} />
      {dialog === 'pay' && (
        <Modal title="Mark the invoice paid" onClose={close}>
          <form onSubmit={pay} className="space-y-4" noValidate>
            <Field label="Paid on" error={errors.paid_at}>
              <Input name="paid_on" type="date" defaultValue={today()} max={today()} />
            </Field>
            <SubmitRow busy={action.isPending} onCancel={close} tight>
              Mark paid
            </SubmitRow>
          </form>
        </Modal>
      )}
      {dialog === 'void' && (
        <Modal title="Void this invoice?" onClose={close}>
          <form onSubmit={voidIt} className="space-y-4" noValidate>
            <p className="text-sm text-slate-600">A void invoice stays on record with its number; its time entries can be invoiced again. This cannot be undone.</p>
            <Field label="Reason" error={errors.reason}>
              <Textarea name="reason" maxLength={1000} />
            </Field>
            <SubmitRow busy={action.isPending} danger onCancel={close} tight>
              Void invoice
            </SubmitRow>
          </form>
        </Modal>
      )}
      {dialog === 'delete' && (
        <Modal title="Delete this draft?" onClose={close}>
          <p className="text-sm text-slate-600">The draft is removed and its time entries can be invoiced again.</p>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate(invoice)}>
              Delete draft
            </Button>
          </div>
        </Modal>
      )}
    </>
  );
}
