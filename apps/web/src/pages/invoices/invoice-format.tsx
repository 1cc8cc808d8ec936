import type { InvoiceDto, UsedExchangeRateDto } from '@clockwork/api-client';
import { Badge, type Tone } from '../../components/Badge';
import { formatDate, trimDecimal } from '../../lib/format';

type Status = InvoiceDto['status'];
export const invoiceStatuses: Status[] = ['draft', 'issued', 'paid', 'void'];
export const statusLabels: Record<Status, string> = { draft: 'Draft', issued: 'Issued', paid: 'Paid', void: 'Void' };
const tones: Record<Status, Tone> = { draft: 'neutral', issued: 'info', paid: 'success', void: 'danger' };

export const InvoiceStatusBadge = ({ status }: { status: Status }) => <Badge tone={tones[status]} dot>{statusLabels[status]}</Badge>;

/** An amount exactly as the api computed it (a decimal string), with its currency when given: "1,234.50 USD". */
export function amount(value: string, currency?: string): string {
  const [whole, cents = '00'] = value.split('.');
  const grouped = `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents.padEnd(2, '0')}`;
  return currency ? `${grouped} ${currency}` : grouped;
}

export const periodOf = (i: Pick<InvoiceDto, 'period_from' | 'period_to'>) => `${formatDate(i.period_from)} – ${formatDate(i.period_to)}`;

/** "1 EUR = 1.1 USD (stored rate of Mar 15, 2026)". */
export const exchangeRateText = (x: UsedExchangeRateDto) => `1 ${x.base_currency} = ${trimDecimal(x.rate)} ${x.quote_currency} (stored rate of ${formatDate(x.rate_date)})`;

/** The invoice's title: its number once issued. */
export const invoiceTitle = (i: Pick<InvoiceDto, 'number' | 'customer_name'>) => (i.number ? `Invoice ${i.number}` : `Draft invoice for ${i.customer_name}`);
