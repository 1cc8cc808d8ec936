import {
  accountingExportOne,
  accountingExportPeriod,
  invoicesCreate,
  invoicesGet,
  invoicesIssue,
  invoicesList,
  invoicesPay,
  invoicesPreview,
  invoicesRemove,
  invoicesVoid,
  type CreateInvoiceDto,
  type InvoiceDto,
  type InvoiceWithLinesDto,
} from '@clockwork/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage, unwrap } from '../../api/errors';
import { queryKeys } from '../../api/query-keys';
import { useToast } from '../../components/Toast';
import { saveBlob } from '../../lib/download';
import { usePagedQuery } from '../../lib/paged-query';

/** The invoices section's reads and writes; keys from `queryKeys.invoices`. */

export type InvoiceFilters = { status: string; account_id: string; deal_id: string };
type Status = InvoiceDto['status'];

const listQuery = (filters: InvoiceFilters) => ({
  status: (filters.status || undefined) as Status | undefined,
  account_id: filters.account_id || undefined,
  deal_id: filters.deal_id || undefined,
});

export const useInvoices = (filters: InvoiceFilters) =>
  usePagedQuery(queryKeys.invoices.list(filters), (cursor, signal) => unwrap(invoicesList({ query: { ...listQuery(filters), cursor, limit: 50 }, signal })));

export const useInvoice = (id: string) => useQuery({ queryKey: queryKeys.invoices.detail(id), queryFn: ({ signal }) => unwrap(invoicesGet({ path: { id }, signal })) });

/** A file answer of the client (`parseAs: 'blob'`), saved under `fileName`. */
const saveAnswer = async (call: Promise<unknown>, fileName: string) => saveBlob((await unwrap(call as Promise<{ data?: Blob; response?: Response }>)) as Blob, fileName);

/** The whole filtered list as CSV (the api's `?format=csv`, every page). */
export const downloadInvoiceList = (filters: InvoiceFilters): Promise<void> => saveAnswer(invoicesList({ query: { ...listQuery(filters), format: 'csv' }, parseAs: 'blob' }), 'invoices.csv');

/** One invoice as CSV or PDF, named by its number (drafts by id). */
export const downloadInvoice = (invoice: InvoiceDto, format: 'csv' | 'pdf'): Promise<void> =>
  saveAnswer(invoicesGet({ path: { id: invoice.id }, query: { format }, parseAs: 'blob' }), `${invoice.number ?? `invoice-${invoice.id}`}.${format}`);

export type AccountingFormat = 'xero' | 'quickbooks' | 'generic';

/** An issued or paid invoice as the import file of Xero or QuickBooks Online, or the generic CSV (docs/accounting-exports.md). */
export const downloadAccountingExport = (invoice: InvoiceDto, format: AccountingFormat): Promise<void> =>
  saveAnswer(accountingExportOne({ path: { id: invoice.id }, query: { format }, parseAs: 'blob' }), `${invoice.number ?? invoice.id}-${format}.csv`);

/** The issued and paid invoices dated in [from, to] in one accounting file. */
export const downloadPeriodExport = (format: AccountingFormat, from: string, to: string): Promise<void> =>
  saveAnswer(accountingExportPeriod({ query: { format, from, to }, parseAs: 'blob' }), `invoices-${from}-${to}-${format}.csv`);

/** What `POST /invoices` would draft for a body (nothing is stored). */
export const useInvoicePreview = () => useMutation({ mutationFn: (body: CreateInvoiceDto) => unwrap(invoicesPreview({ body })) });

export function useCreateInvoice(onCreated: (invoice: InvoiceWithLinesDto) => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (body: CreateInvoiceDto) => unwrap(invoicesCreate({ body })),
    onSuccess: (invoice) => {
      queryClient.setQueryData(queryKeys.invoices.detail(invoice.id), invoice);
      void queryClient.invalidateQueries({ queryKey: queryKeys.invoices.all, refetchType: 'none' });
      toast.success(`Draft invoice for ${invoice.customer_name} created`);
      onCreated(invoice);
    },
  });
}

export type InvoiceAction = { kind: 'issue' } | { kind: 'pay'; paid_at?: string } | { kind: 'void'; reason: string | null };
const done: Record<InvoiceAction['kind'], string> = { issue: 'issued', pay: 'marked paid', void: 'voided' };

/** Issue, mark paid or void: the answer replaces the cached invoice; lists are refetched. */
export function useInvoiceAction(invoice: InvoiceDto) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (action: InvoiceAction) => {
      const path = { id: invoice.id };
      if (action.kind === 'issue') return unwrap(invoicesIssue({ path }));
      if (action.kind === 'pay') return unwrap(invoicesPay({ path, body: action.paid_at ? { paid_at: action.paid_at } : {} }));
      return unwrap(invoicesVoid({ path, body: { reason: action.reason } }));
    },
    onSuccess: (after, action) => {
      queryClient.setQueryData(queryKeys.invoices.detail(after.id), after);
      toast.success(`Invoice ${after.number ?? '(draft)'} ${done[action.kind]}`);
    },
    onError: (error, action) => toast.error(`Could not ${action.kind === 'pay' ? 'mark the invoice paid' : `${action.kind} the invoice`}: ${errorMessage(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.invoices.all }),
  });
}

/** Deletes a draft (its time can be invoiced again). */
export function useDeleteInvoice(onDeleted: () => void) {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (invoice: InvoiceDto) => unwrap(invoicesRemove({ path: { id: invoice.id } })),
    onSuccess: (_, invoice) => {
      toast.success('Draft invoice deleted');
      queryClient.removeQueries({ queryKey: queryKeys.invoices.detail(invoice.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.invoices.all });
      onDeleted();
    },
    onError: (error) => toast.error(`Could not delete the draft: ${errorMessage(error)}`),
  });
}
