import type { TimeEntriesListData } from '@clockwork/api-client';
import { useAccountOptions, useDealOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can, canSee } from '../../auth/permissions';
import { DateFilter, FilterBar, SearchFilter, SelectFilter } from '../../components/Filters';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { definedOnly, useUrlFilters } from '../../lib/url-filters';
import { EntriesTable } from './EntriesTable';
import { MappingRulesPanel } from './MappingRulesPanel';
import { ReviewQueue } from './ReviewQueue';
import { SuggestedRulesPanel } from './SuggestedRulesPanel';

const FILTERS = ['view', 'q', 'date_from', 'date_to', 'account_id', 'deal_id', 'user_id', 'mapping_status'] as const;
type Query = NonNullable<TimeEntriesListData['query']>;

export function TimeEntriesPage() {
  const { user } = useAuth();
  const { users } = useUsers();
  const accounts = useAccountOptions();
  const deals = useDealOptions();
  const { values, setFilters, clear } = useUrlFilters(FILTERS);
  const { view, q, ...apiFilters } = values;
  const reviewing = view === 'review' && can(user?.role, 'review-time');
  const showRules = view === 'rules' && can(user?.role, 'review-time');
  const query = definedOnly(apiFilters) as Query;
  const active = Object.values(apiFilters).some(Boolean) || q !== '';
  // Sales and support read only their own entries, without productivity scores.
  const everyone = can(user?.role, 'all-time');

  return (
    <>
      {everyone ? (
        <PageHeader title="Time Entries" description="Time recorded by productivity agents, mapped to customer work." />
      ) : (
        <PageHeader title="My time" description="The time the productivity agent recorded for you, mapped to customer work." />
      )}
      {can(user?.role, 'review-time') && (
        <div className="mb-4">
          <Tabs
            label="Time entry views"
            value={showRules ? 'rules' : reviewing ? 'review' : 'all'}
            onChange={(v) => setFilters({ view: v === 'all' ? '' : v, mapping_status: '' })}
            tabs={[
              { value: 'all', label: 'All entries' },
              { value: 'review', label: 'Review queue' },
              { value: 'rules', label: 'Mapping rules' },
            ]}
          />
        </div>
      )}
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">
        {showRules ? (
          <>
            <SuggestedRulesPanel />
            <MappingRulesPanel />
          </>
        ) : (
          <>
            <FilterBar active={active} onClear={() => (clear(), setFilters({ view: reviewing ? 'review' : '' }))}>
              {!reviewing && <SearchFilter label="Search time entries" placeholder="Project or tag…" value={q} onChange={(text) => setFilters({ q: text })} />}
              <DateFilter label="From" value={values.date_from} onChange={(date_from) => setFilters({ date_from })} />
              <DateFilter label="To" value={values.date_to} onChange={(date_to) => setFilters({ date_to })} />
              {canSee(user?.role, 'accounts') && <SelectFilter label="Account" value={values.account_id} onChange={(account_id) => setFilters({ account_id })} options={accounts.accounts.map((a) => ({ value: a.id, label: a.name }))} />}
              {!reviewing && deals.deals.length > 0 && <SelectFilter label="Deal" value={values.deal_id} onChange={(deal_id) => setFilters({ deal_id })} options={deals.deals.map((d) => ({ value: d.id, label: d.name }))} />}
              {everyone && users.length > 1 && <SelectFilter label="Person" value={values.user_id} onChange={(user_id) => setFilters({ user_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} allLabel="Everyone" />}
              {!reviewing && (
                <SelectFilter
                  label="Mapping"
                  value={values.mapping_status}
                  onChange={(mapping_status) => setFilters({ mapping_status })}
                  options={[
                    { value: 'mapped', label: 'Mapped' },
                    { value: 'unmapped', label: 'Unmapped' },
                  ]}
                />
              )}
            </FilterBar>
            {reviewing ? <ReviewQueue filters={query as Record<string, string>} /> : <EntriesTable filters={query} search={q} filtered={active} everyone={everyone} />}
          </>
        )}
      </div>
    </>
  );
}
