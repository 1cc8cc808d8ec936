import type { SuggestedRuleDto } from '@clockwork/api-client';
import { useDealOptions, useUsers } from '../../api/lookups';
import { Button } from '../../components/Button';
import { EmptyState, QueryState } from '../../components/States';
import { useCreateSuggestedRule, useDismissSuggestedRule, useSuggestedRules } from './time-entries.queries';

/** A suggestion's pattern in words. */
export function suggestionPattern(s: SuggestedRuleDto, nameOf: (id: string | null) => string | null): string {
  switch (s.kind) {
    case 'project_name':
      return `project is “${s.value}”`;
    case 'tag':
      return `tagged ${s.value}`;
    case 'activity_type':
      return `activity ${s.value}`;
    case 'employee_id':
      return `employee ${s.value}`;
    default:
      return `by ${nameOf(s.value) ?? 'a user'}`;
  }
}

/** Rules people keep making by hand in the review queue: create one (POST /mapping-rules) or dismiss it. */
export function SuggestedRulesPanel() {
  const suggestions = useSuggestedRules();
  const deals = useDealOptions();
  const { nameOf } = useUsers();
  const create = useCreateSuggestedRule();
  const dismiss = useDismissSuggestedRule();
  const rows = suggestions.data?.data ?? [];
  return (
    <section aria-label="Suggested rules" className="border-b border-slate-100 p-4 sm:p-5">
      <h2 className="text-sm font-semibold text-slate-900">Suggested rules</h2>
      <QueryState query={suggestions}>
        {rows.length === 0 ? (
          <EmptyState icon="filter" title="No suggested rules">
            When people assign the same project, tag or person to one deal {suggestions.data?.min_decisions ?? 5} times, a rule is suggested here.
          </EmptyState>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {rows.map((s) => {
              const label = `${suggestionPattern(s, nameOf)} → ${deals.nameOf(s.deal_id) ?? 'a deal'}`;
              return (
                <li key={`${s.kind}:${s.value}:${s.deal_id}`} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    <span className="font-medium text-slate-900">{label}</span>
                    <span className="block text-xs text-slate-500">
                      assigned so {s.decisions} of {s.pattern_decisions} times
                    </span>
                  </span>
                  <span className="whitespace-nowrap">
                    <Button size="sm" onClick={() => create.mutate(s)} busy={create.isPending && create.variables === s} aria-label={`Create rule: ${label}`}>
                      Create
                    </Button>{' '}
                    <Button size="sm" variant="secondary" onClick={() => dismiss.mutate(s)} aria-label={`Dismiss: ${label}`}>
                      Dismiss
                    </Button>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </QueryState>
    </section>
  );
}
