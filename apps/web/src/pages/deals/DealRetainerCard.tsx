import type { DealDto } from '@clockwork/api-client';
import { Card, DetailList } from '../../components/Card';
import { QueryState } from '../../components/States';
import { useRetainerBalance } from './deals.queries';

const hours = (h: number) => `${h.toFixed(2)} h`;

/** A retainer deal's current month: included, rolled over, used, left and overage hours (on the deal and its account's page). */
export function DealRetainerCard({ deal, title = 'Retainer this month' }: { deal: DealDto; title?: string }) {
  const balance = useRetainerBalance(deal.id);
  const b = balance.data;
  return (
    <Card title={title}>
      <QueryState query={balance}>
        {b && !b.active ? (
          <p className="text-sm text-slate-500">The retainer starts on {deal.retainer?.starts_on}.</p>
        ) : (
          b && (
            <>
              <p className="text-2xl font-semibold text-slate-900 tabular-nums">{hours(b.left_hours)} left</p>
              <DetailList
                items={[
                  ['Month', b.month],
                  ['Included', hours(b.included_hours)],
                  ['Rolled over', hours(b.rolled_over_hours)],
                  ['Used', hours(b.used_hours)],
                  ['Overage', b.overage_hours > 0 ? `${hours(b.overage_hours)} (${(b.overage_cents / 100).toFixed(2)} ${b.currency})` : 'None'],
                ]}
              />
            </>
          )
        )}
      </QueryState>
    </Card>
  );
}
