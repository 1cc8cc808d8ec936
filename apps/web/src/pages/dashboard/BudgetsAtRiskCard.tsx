import type { DealBudgetListDto } from '@clockwork/api-client';
import { Link } from 'react-router-dom';
import { BurnBar } from '../../components/BurnBar';
import { QueryCard } from '../../components/QueryCard';
import { budgetsAtRisk } from './dashboard-data';

/** "Budgets at risk": deals with a budget 80 % used or running out within 14 days, worst first. */
export function BudgetsAtRiskCard({ budgets }: { budgets: { data?: DealBudgetListDto; isPending: boolean; error: unknown; refetch: () => unknown } }) {
  const risky = budgetsAtRisk(budgets.data?.data ?? []).slice(0, 6);
  return (
    <QueryCard title="Budgets at risk" query={budgets} isEmpty={risky.length === 0} emptyState={{ icon: 'deals', title: 'No budget at risk', text: 'Deals whose budget is 80% used or runs out within two weeks show here.' }}>
      <ul className="divide-y divide-slate-100" aria-label="Budgets at risk">
        {risky.map((d) => (
          <li key={d.deal_id} className="space-y-2 px-4 py-3 sm:px-5">
            <Link to={`/deals/${d.deal_id}`} className="text-sm font-medium text-slate-900 hover:text-indigo-600">
              {d.deal_name}
            </Link>
            {d.budgets.map((b) => (
              <BurnBar key={b.kind} burn={b} dealName={d.deal_name} compact />
            ))}
          </li>
        ))}
      </ul>
    </QueryCard>
  );
}
