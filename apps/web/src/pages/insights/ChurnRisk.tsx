import type { ChurnRiskDto } from '@clockwork/api-client';
import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge, type Tone } from '../../components/Badge';
import { Card } from '../../components/Card';
import { LoadMore } from '../../components/Filters';
import { EmptyState, QueryState } from '../../components/States';
import { QueryCard } from '../../components/QueryCard';
import { RowsTable, Td } from '../../components/Table';
import { useChurnRisk } from './insights.queries';

const percent = (p: number) => `${Math.round(p * 100)} %`;
const LEVEL_TONE: Record<ChurnRiskDto['level'], Tone> = { high: 'danger', medium: 'warning', low: 'success' };
const LEVEL_LABEL: Record<ChurnRiskDto['level'], string> = { high: 'High risk', medium: 'Medium risk', low: 'Low risk' };

function Reasons({ risk, label }: { risk: ChurnRiskDto; label: string }) {
  if (risk.factors.length === 0) return <p className="text-xs text-slate-500">Nothing points to churn.</p>;
  return (
    <ul aria-label={label} className="space-y-0.5 text-xs text-slate-600">
      {risk.factors.map((f) => (
        <li key={f.factor}>{f.reason}</li>
      ))}
    </ul>
  );
}

/** Accounts by churn risk, highest first, with the reasons of each (admins and managers; the reports page). */
export function ChurnRiskCard() {
  const { user } = useAuth();
  const allowed = can(user?.role, 'churn-risk');
  const query = useChurnRisk({}, allowed);
  if (!allowed) return null;
  const rows = query.rows;
  return (
    <QueryCard title="Churn risk" query={query} isEmpty={rows.length === 0} empty={<EmptyState icon="accounts" title="No accounts to score yet" />}>
      <>
        <RowsTable label="Churn risk" rows={rows} rowKey={(r) => r.account_id} columns={['Account', ['Risk', 'text-right'], ['Why', 'hidden sm:table-cell']]}>
          {(r) => (
            <>
              <Td>
                <Link to={`/accounts/${r.account_id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                  {r.account_name}
                </Link>
                <div className="mt-0.5">
                  <Badge tone={LEVEL_TONE[r.level]}>{LEVEL_LABEL[r.level]}</Badge>
                </div>
              </Td>
              <Td className="text-right font-medium tabular-nums">{percent(r.risk)}</Td>
              <Td className="hidden sm:table-cell">
                <Reasons risk={r} label={`Why ${r.account_name} may churn`} />
              </Td>
            </>
          )}
        </RowsTable>
        <LoadMore query={query} />
      </>
    </QueryCard>
  );
}

/** One account's churn risk and its reasons (the account page). */
export function AccountChurnRiskCard({ accountId }: { accountId: string }) {
  const { user } = useAuth();
  const allowed = can(user?.role, 'churn-risk');
  const query = useChurnRisk({ account_id: accountId }, allowed, 1);
  if (!allowed) return null;
  const [risk] = query.rows;
  return (
    <Card title="Churn risk">
      <QueryState query={query}>
        {risk ? (
          <>
            <div className="flex items-center gap-2">
              <p className="text-2xl font-semibold text-slate-900 tabular-nums">{percent(risk.risk)}</p>
              <Badge tone={LEVEL_TONE[risk.level]}>{LEVEL_LABEL[risk.level]}</Badge>
            </div>
            <div className="mt-2">
              <Reasons risk={risk} label="Why this account may churn" />
            </div>
          </>
        ) : (
          <p className="text-sm text-slate-500">No score for this account.</p>
        )}
      </QueryState>
    </Card>
  );
}
