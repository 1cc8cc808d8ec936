import type { WebhookDeliveryDto, WebhookSubscriptionDto } from '@clockwork/api-client';
import { Badge, type Tone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { QueryState } from '../../components/States';
import { formatDateTime } from '../../lib/format';
import { useRedeliver, useWebhookDeliveries } from './integrations.queries';

const tones: Record<WebhookDeliveryDto['state'], Tone> = { pending: 'info', succeeded: 'success', failed: 'danger' };

/** The latest attempt's latency in ms, or null before any attempt. */
export const lastLatency = (d: WebhookDeliveryDto): number | null => d.attempt_log.at(-1)?.latency_ms ?? null;

/** A subscription's deliveries: status, HTTP code, latency, attempts; redeliver any of them. */
export function DeliveryLog({ subscription }: { subscription: WebhookSubscriptionDto }) {
  const deliveries = useWebhookDeliveries(subscription.id);
  const redeliver = useRedeliver(subscription.id);
  return (
    <div className="mt-3 overflow-x-auto rounded-lg border border-slate-200">
      <QueryState query={deliveries} isEmpty={deliveries.data?.data.length === 0} emptyState={{ icon: 'inbox', title: 'No deliveries yet', text: 'Deliveries appear here once a subscribed event happens.' }}>
        <table aria-label={`Deliveries to ${subscription.url}`} className="min-w-full text-left text-xs">
          <thead className="bg-slate-50 text-slate-500">
            <tr>
              {['Event', 'Status', 'HTTP', 'Latency', 'Attempts', 'When', ''].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-semibold whitespace-nowrap">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {deliveries.data?.data.map((d) => (
              <tr key={d.id} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono text-slate-800">{d.event_type}</td>
                <td className="px-3 py-2">
                  <Badge tone={tones[d.state]}>{d.state}</Badge>
                </td>
                <td className="px-3 py-2 tabular-nums" title={d.last_error ?? undefined}>
                  {d.last_status_code ?? (d.last_error ? 'error' : '—')}
                </td>
                <td className="px-3 py-2 tabular-nums">{lastLatency(d) === null ? '—' : `${lastLatency(d)} ms`}</td>
                <td className="px-3 py-2 tabular-nums">{d.attempts}</td>
                <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(d.created_at)}</td>
                <td className="px-3 py-2 text-right">
                  <Button size="sm" variant="secondary" icon="refresh" busy={redeliver.isPending && redeliver.variables?.id === d.id} onClick={() => redeliver.mutate(d)} aria-label={`Redeliver ${d.event_type}`}>
                    Redeliver
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </QueryState>
    </div>
  );
}
