import type { MappingSuggestionDto, TimeEntryDto } from '@clockwork/api-client';
import { useState } from 'react';
import { useDealOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { LoadMore } from '../../components/Filters';
import { Select } from '../../components/Form';
import { EmptyState, QueryState } from '../../components/States';
import { RowsTable, Td, Th } from '../../components/Table';
import { useToast } from '../../components/Toast';
import { formatDateTime, formatDuration } from '../../lib/format';
import { useMappingSuggestions } from '../insights/insights.queries';
import { MakeRuleDialog } from './MakeRuleDialog';
import { useAssignEntry, useBulkAssignEntries, useUnmappedEntries } from './time-entries.queries';

const checkbox = 'size-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-600';

/** The deal past assignments point to, with its confidence and a one-click accept. */
function SuggestionLine(props: { suggestion: MappingSuggestionDto | null; dealName: (id: string) => string; entryName: string; busy: (dealId: string) => boolean; onAccept: (dealId: string) => void }) {
  const { suggestion: s } = props;
  if (!s?.deal_id || s.confidence === null) return null;
  const dealId = s.deal_id;
  const name = props.dealName(dealId);
  return (
    <div className="mb-1.5 flex flex-wrap items-center gap-2 text-xs text-slate-600">
      <span title={s.because.length ? `Learned from: ${s.because.join(', ')}` : undefined}>
        Suggested: <span className="font-medium text-slate-900">{name}</span> <span className="tabular-nums">({Math.round(s.confidence * 100)} %)</span>
      </span>
      <Button size="sm" variant="secondary" busy={props.busy(dealId)} onClick={() => props.onAccept(dealId)} aria-label={`Accept ${name} for ${props.entryName}`}>
        Accept
      </Button>
    </div>
  );
}

/** Entries no rule could map: pick the deal each belongs to, for one, a selection, or as a rule. */
export function ReviewQueue({ filters }: { filters: Record<string, string> }) {
  const toast = useToast();
  const { nameOf } = useUsers();
  const { deals } = useDealOptions();
  const openDeals = deals.filter((d) => !d.closed_at);
  const dealName = (id: string | null | undefined): string => deals.find((d) => d.id === id)?.name ?? 'the deal';
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [bulkDeal, setBulkDeal] = useState('');
  const [ruleFor, setRuleFor] = useState<TimeEntryDto | null>(null);
  const query = useUnmappedEntries(filters);
  const assign = useAssignEntry((entry, { rule }) => {
    toast.success(`${formatDuration(entry.duration_seconds)} assigned to ${dealName(entry.deal_id)}${rule ? ', and a rule created' : ''}`);
    setRuleFor(null);
  });
  const bulk = useBulkAssignEntries((updated, dealId) => {
    toast.success(`${updated} ${updated === 1 ? 'entry' : 'entries'} assigned to ${dealName(dealId)}`);
    setSelected([]);
    setBulkDeal('');
  });

  const rows = query.rows;
  const { user } = useAuth();
  const suggestions = useMappingSuggestions(
    rows.map((e) => e.id),
    can(user?.role, 'mapping-suggestions'),
  );
  const suggestionOf = (id: string) => {
    const s = suggestions.data?.data.find((x) => x.entry_id === id);
    return s?.deal_id && openDeals.some((d) => d.id === s.deal_id) ? s : null;
  };
  const allSelected = rows.length > 0 && rows.every((e) => selected.includes(e.id));
  const toggle = (id: string, on: boolean) => setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  const dealSelect = (label: string, value: string, onChange: (v: string) => void) => (
    <Select aria-label={label} value={value} onChange={(ev) => onChange(ev.target.value)} className="w-44 py-1.5">
      <option value="">Choose a deal…</option>
      {openDeals.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </Select>
  );

  return (
    <QueryState query={query}>
      {rows.length === 0 ? (
        <EmptyState icon="check" title="The review queue is empty">
          Every time entry is mapped to customer work.
        </EmptyState>
      ) : (
        <>
          {selected.length > 0 && (
            <div role="region" aria-label="Selected entries" className="flex flex-wrap items-center gap-2 border-b border-indigo-100 bg-indigo-50/60 px-4 py-2.5 text-sm">
              <span className="font-medium text-indigo-900">{selected.length} selected</span>
              {dealSelect('Deal for the selected entries', bulkDeal, setBulkDeal)}
              <Button size="sm" disabled={!bulkDeal} busy={bulk.isPending} onClick={() => bulk.mutate({ ids: selected, dealId: bulkDeal })}>
                Assign selected
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setSelected([])}>
                Clear selection
              </Button>
            </div>
          )}
          <RowsTable
            label="Unmapped time entries"
            rows={rows}
            rowKey={(e) => e.id}
            selected={(e) => selected.includes(e.id)}
            columns={[
              <Th className="w-10">
                <input type="checkbox" aria-label="Select all entries" className={checkbox} checked={allSelected} onChange={(e) => setSelected(e.target.checked ? rows.map((r) => r.id) : [])} />
              </Th>,
              'Work',
              ['Person', 'hidden md:table-cell'],
              ['When', 'hidden sm:table-cell'],
              ['Duration', 'text-right'],
              'Assign to deal',
            ]}
          >
            {(e) => (
              <>
                <Td>
                  <input type="checkbox" aria-label={`Select ${e.project_name ?? 'this entry'}`} className={checkbox} checked={selected.includes(e.id)} onChange={(ev) => toggle(e.id, ev.target.checked)} />
                </Td>
                <Td>
                  <p className="font-medium text-slate-900">{e.project_name ?? 'Untitled work'}</p>
                  <div className="mt-0.5 flex flex-wrap gap-1">
                    {e.unmapped_reason && <Badge tone="warning">{e.unmapped_reason.replace(/_/g, ' ')}</Badge>}
                    {e.tags.map((t) => (
                      <Badge key={t}>{t}</Badge>
                    ))}
                  </div>
                </Td>
                <Td className="hidden md:table-cell">{nameOf(e.user_id) ?? e.employee_id ?? '—'}</Td>
                <Td className="hidden whitespace-nowrap sm:table-cell">{formatDateTime(e.start_time)}</Td>
                <Td className="text-right font-medium tabular-nums">{formatDuration(e.duration_seconds)}</Td>
                <Td>
                  <SuggestionLine
                    suggestion={suggestionOf(e.id)}
                    dealName={dealName}
                    entryName={e.project_name ?? 'this entry'}
                    busy={(dealId) => assign.isPending && assign.variables?.entry.id === e.id && assign.variables.dealId === dealId}
                    onAccept={(dealId) => assign.mutate({ entry: e, dealId })}
                  />
                  <div className="flex flex-wrap items-center gap-2">
                    {dealSelect(`Deal for ${e.project_name ?? 'this entry'}`, choice[e.id] ?? '', (v) => setChoice((c) => ({ ...c, [e.id]: v })))}
                    <Button size="sm" disabled={!choice[e.id]} busy={assign.isPending && assign.variables?.entry.id === e.id && !assign.variables.rule} onClick={() => assign.mutate({ entry: e, dealId: choice[e.id] })}>
                      Assign
                    </Button>
                    <Button size="sm" variant="secondary" disabled={!choice[e.id]} onClick={() => setRuleFor(e)} aria-label={`Make this a rule from ${e.project_name ?? 'this entry'}`}>
                      Make this a rule
                    </Button>
                  </div>
                </Td>
              </>
            )}
          </RowsTable>
          <LoadMore query={query} />
        </>
      )}
      {ruleFor && (
        <MakeRuleDialog
          entry={ruleFor}
          dealName={dealName(choice[ruleFor.id])}
          busy={assign.isPending}
          onClose={() => setRuleFor(null)}
          onSubmit={(rule) => assign.mutate({ entry: ruleFor, dealId: choice[ruleFor.id], rule })}
        />
      )}
    </QueryState>
  );
}
