import { useState } from 'react';
import { useUsers } from '../../api/lookups';
import { Card } from '../../components/Card';
import { Select } from '../../components/Form';
import { EmptyState, QueryState } from '../../components/States';
import { Table, Td, Th, Tr } from '../../components/Table';
import { titleCase } from '../../lib/format';
import { useActivityReport, type ActivityGroup } from './reports.queries';

const GROUP_LABEL: Record<ActivityGroup, string> = { user: 'Person', type: 'Type', outcome: 'Outcome' };

/** Calls and meetings in the page's date range, counted per person, type or outcome, with their minutes. */
export function ActivitiesReportCard({ range }: { range: { date_from?: string; date_to?: string } }) {
  const [group, setGroup] = useState<ActivityGroup>('type');
  const report = useActivityReport(group, range);
  const { nameOf } = useUsers();
  const label = (key: string | null) => (group === 'user' ? (key ? (nameOf(key) ?? 'Someone') : 'Nobody (API)') : titleCase(key ?? ''));
  const rows = report.data?.rows ?? [];
  return (
    <Card
      title="Calls & meetings"
      padded={false}
      actions={
        <label className="flex items-center gap-2 text-sm text-slate-600">
          Count by
          <Select value={group} onChange={(e) => setGroup(e.target.value as ActivityGroup)} className="w-auto">
            {(Object.keys(GROUP_LABEL) as ActivityGroup[]).map((g) => (
              <option key={g} value={g}>
                {GROUP_LABEL[g]}
              </option>
            ))}
          </Select>
        </label>
      }
    >
      <QueryState query={report} isEmpty={rows.length === 0} empty={<EmptyState icon="contacts" title="No calls or meetings in this range" />}>
        <Table label="Calls and meetings">
          <thead>
            <tr>
              <Th>{GROUP_LABEL[group]}</Th>
              <Th className="text-right">Count</Th>
              <Th className="text-right">Minutes</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <Tr key={r.key ?? 'none'}>
                <Td>{label(r.key)}</Td>
                <Td className="text-right tabular-nums">{r.count}</Td>
                <Td className="text-right tabular-nums">{r.total_duration_minutes}</Td>
              </Tr>
            ))}
            <Tr>
              <Td className="font-medium">Total</Td>
              <Td className="text-right font-medium tabular-nums">{report.data?.total_count}</Td>
              <Td className="text-right font-medium tabular-nums">{report.data?.total_duration_minutes}</Td>
            </Tr>
          </tbody>
        </Table>
      </QueryState>
    </Card>
  );
}
