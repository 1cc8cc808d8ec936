import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Select } from '../../components/Form';
import { QueryState } from '../../components/States';
import { useToast } from '../../components/Toast';
import { ProfitabilityTable } from './ProfitabilityTable';
import { downloadProfitability, useProfitability, type ProfitabilityQuery, type ReportQuery } from './reports.queries';

const GROUPS = { deal: 'Deal', account: 'Client', user: 'Person' } as const;
type Group = keyof typeof GROUPS;
const NONE: Record<Group, string> = { deal: 'Not mapped', account: 'No client', user: 'Unknown person' };

/** "Profitability": billable value, invoiced value, cost, margin and margin % per deal, client or person, with CSV/PDF. */
export function ProfitabilityCard({ query }: { query: ReportQuery }) {
  const toast = useToast();
  const [group, setGroup] = useState<Group>('deal');
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const { group_by: _periods, ...filters } = query;
  const q: ProfitabilityQuery = { ...filters, group_by: group };
  const report = useProfitability(q);
  const run = async (format: 'csv' | 'pdf') => {
    setBusy(format);
    try {
      await downloadProfitability(format, q);
    } catch (error) {
      toast.error(`Could not export Profitability: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };
  const rows = report.data?.rows ?? [];
  return (
    <Card
      title="Profitability"
      actions={
        <>
          {(['csv', 'pdf'] as const).map((format) => (
            <Button key={format} variant="secondary" size="sm" icon="download" busy={busy === format} onClick={() => run(format)} aria-label={`Export Profitability as ${format.toUpperCase()}`}>
              {format.toUpperCase()}
            </Button>
          ))}
        </>
      }
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
