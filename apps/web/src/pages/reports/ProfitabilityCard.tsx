import { useState } from 'react';
import { Card } from '../../components/Card';
import { Select } from '../../components/Form';
import { QueryState } from '../../components/States';
import { ExportButtons } from './ExportButtons';
import { ProfitabilityTable } from './ProfitabilityTable';
import { downloadProfitability, useProfitability, type ProfitabilityQuery, type ReportQuery } from './reports.queries';

const GROUPS = { deal: 'Deal', account: 'Client', user: 'Person' } as const;
type Group = keyof typeof GROUPS;
const NONE: Record<Group, string> = { deal: 'Not mapped', account: 'No client', user: 'Unknown person' };

/** "Profitability": billable value, invoiced value, cost, margin and margin % per deal, client or person, with CSV/PDF. */
export function ProfitabilityCard({ query }: { query: ReportQuery }) {
  const [group, setGroup] = useState<Group>('deal');
  const { group_by: _periods, ...filters } = query;
  const q: ProfitabilityQuery = { ...filters, group_by: group };
  const report = useProfitability(q);
  const rows = report.data?.rows ?? [];
  return (
    <Card
      title="Profitability"
      actions={<ExportButtons title="Profitability" download={(format) => downloadProfitability(format, q)} />}
    >
      <label className="mb-3 flex max-w-48 items-center gap-2 text-sm text-slate-600">
        Per
        <Select aria-label="Profitability per" value={group} onChange={(e) => setGroup(e.target.value as Group)}>
          {Object.entries(GROUPS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </Select>
      </label>
      <QueryState query={report} isEmpty={rows.length === 0} emptyState={{ icon: 'reports', title: 'Nothing in this range', text: 'Widen the date range or clear the filters.' }}>
        <>
          <ProfitabilityTable label={`Profitability per ${GROUPS[group].toLowerCase()}`} rows={rows} name={(r) => `${r.name ?? NONE[group]}${r.currency ? '' : ' (no rate)'}`} />
          <ProfitabilityTable label="Profitability totals" rows={report.data?.totals ?? []} />
        </>
      </QueryState>
    </Card>
  );
}
