import { timeEntriesAssign, timeEntriesUnmapped, type TimeEntryDto } from '@clockwork/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, unwrap } from '../../api/errors';
import { useDealOptions, useUsers } from '../../api/lookups';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { LoadMore } from '../../components/Filters';
import { Select } from '../../components/Form';
import { EmptyState, QueryState } from '../../components/States';
import { Table, Td, Th, Tr } from '../../components/Table';
import { useToast } from '../../components/Toast';
import { formatDateTime, formatDuration } from '../../lib/format';
import { usePagedQuery } from '../../lib/paged-query';

/** Entries no rule could map: pick the deal each belongs to. */
export function ReviewQueue({ filters }: { filters: Record<string, string> }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { nameOf } = useUsers();
  const { deals } = useDealOptions();
  const openDeals = deals.filter((d) => d.stage !== 'won' && d.stage !== 'lost');
  const [choice, setChoice] = useState<Record<string, string>>({});
  const query = usePagedQuery(['time-entries', 'unmapped', filters], (cursor, signal) => unwrap(timeEntriesUnmapped({ query: { ...filters, cursor, limit: 50 }, signal })));
  const assign = useMutation({
    mutationFn: ({ entry, dealId }: { entry: TimeEntryDto; dealId: string }) => unwrap(timeEntriesAssign({ path: { id: entry.id }, body: { deal_id: dealId } })),
    onSuccess: (entry) => {
      toast.success(`${formatDuration(entry.duration_seconds)} assigned to ${deals.find((d) => d.id === entry.deal_id)?.name ?? 'the deal'}`);
      void queryClient.invalidateQueries({ queryKey: ['time-entries'] });
    },
    onError: (error) => toast.error(`Could not assign the entry: ${errorMessage(error)}`),
  });

  return (
    <QueryState query={query}>
      {query.rows.length === 0 ? (
        <EmptyState icon="check" title="The review queue is empty">
          Every time entry is mapped to customer work.
        </EmptyState>
      ) : (
        <>
          <Table label="Unmapped time entries">
            <thead>
              <tr>
                <Th>Work</Th>
                <Th className="hidden md:table-cell">Person</Th>
                <Th className="hidden sm:table-cell">When</Th>
                <Th className="text-right">Duration</Th>
                <Th>Assign to deal</Th>
              </tr>
            </thead>
            <tbody>
              {query.rows.map((e) => (
                <Tr key={e.id}>
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
                    <div className="flex items-center gap-2">
                      <Select aria-label={`Deal for ${e.project_name ?? 'this entry'}`} value={choice[e.id] ?? ''} onChange={(ev) => setChoice((c) => ({ ...c, [e.id]: ev.target.value }))} className="w-44 py-1.5">
                        <option value="">Choose a deal…</option>
                        {openDeals.map((d) => (
                          <option key={d.id} value={d.id}>
                            {d.name}
                          </option>
                        ))}
                      </Select>
                      <Button size="sm" disabled={!choice[e.id]} busy={assign.isPending && assign.variables?.entry.id === e.id} onClick={() => assign.mutate({ entry: e, dealId: choice[e.id] })}>
                        Assign
                      </Button>
                    </div>
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
          <LoadMore count={query.rows.length} hasNextPage={query.hasNextPage} isFetchingNextPage={query.isFetchingNextPage} fetchNextPage={query.fetchNextPage} />
        </>
      )}
    </QueryState>
  );
}
