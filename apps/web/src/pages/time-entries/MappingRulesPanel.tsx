import type { MappingRuleDto, RulePrecisionDto } from '@clockwork/api-client';
import { useDealOptions, useUsers } from '../../api/lookups';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useConfirm } from '../../components/ConfirmDialog';
import { Input } from '../../components/Form';
import { EmptyState, QueryState } from '../../components/States';
import { RowsTable, Td } from '../../components/Table';
import { useMappingRules, usePatchMappingRule, useRemoveMappingRule, useRulePrecision } from './time-entries.queries';

/** What a rule matches, in words. */
export function ruleConditions(rule: MappingRuleDto, nameOf: (id: string | null) => string | null): string[] {
  return [
    rule.project_name ? `project ${rule.project_match === 'contains' ? 'contains' : 'is'} “${rule.project_name}”` : null,
    rule.tags.length ? `tagged ${rule.tags.join(', ')}` : null,
    rule.user_id ? `by ${nameOf(rule.user_id) ?? 'a user'}` : null,
    rule.employee_id ? `employee ${rule.employee_id}` : null,
    rule.activity_type ? `activity ${rule.activity_type}` : null,
  ].filter((c): c is string => c !== null);
}

/** A rule's precision with the counts behind it (docs/insights.md, "Rule precision"). */
export function PrecisionCell({ precision, state }: { precision: RulePrecisionDto | undefined; state: 'pending' | 'error' | 'success' }) {
  if (state === 'pending') return <span className="text-slate-400">…</span>;
  if (state === 'error' || !precision) return <span className="text-slate-400">—</span>;
  if (precision.mapped === 0 || precision.precision === null) return <span className="text-xs text-slate-500">No entries mapped yet</span>;
  return (
    <span>
      <span className="font-medium tabular-nums">{Math.round(precision.precision * 1000) / 10} %</span>
      <span className="block text-xs text-slate-500">
        {precision.stayed} of {precision.mapped} stayed · {precision.reassigned} reassigned
      </span>
    </span>
  );
}

/** The organization's mapping rules: turn them on or off, reorder by priority, delete; each with its precision. */
export function MappingRulesPanel() {
  const { nameOf } = useUsers();
  const deals = useDealOptions();
  const rules = useMappingRules();
  const precision = useRulePrecision();
  const precisionOf = new Map((precision.data?.data ?? []).map((p) => [p.rule_id, p]));
  const patch = usePatchMappingRule();
  const remove = useRemoveMappingRule();
  const confirm = useConfirm();

  return (
    <QueryState query={rules}>
      {confirm.dialog}
      {(rules.data?.data.length ?? 0) === 0 ? (
        <EmptyState icon="filter" title="No mapping rules yet">
          Use “Make this a rule” in the review queue to map entries like one automatically.
        </EmptyState>
      ) : (
        <RowsTable label="Mapping rules" rows={rules.data?.data ?? []} rowKey={(rule) => rule.id} columns={[['Priority', 'w-24'], 'Rule', ['Maps to', 'hidden md:table-cell'], 'Precision', 'Status', ['Actions', 'text-right']]}>
          {(rule) => (
            <>
              <Td>
                <Input
                  type="number"
                  aria-label={`Priority of ${rule.name}`}
                  defaultValue={rule.priority}
                  className="w-20 py-1"
                  onBlur={(e) => {
                    const priority = Number(e.target.value);
                    if (Number.isInteger(priority) && priority !== rule.priority) patch.mutate({ rule, body: { priority } });
                  }}
                />
              </Td>
              <Td>
                <p className="font-medium text-slate-900">{rule.name}</p>
                <p className="text-xs text-slate-500">{ruleConditions(rule, nameOf).join(' · ') || 'Matches every entry'}</p>
              </Td>
              <Td className="hidden md:table-cell">{deals.nameOf(rule.deal_id) ?? (rule.deal_id ? 'A deal' : '—')}</Td>
              <Td>
                <PrecisionCell precision={precisionOf.get(rule.id)} state={precision.status} />
              </Td>
              <Td>{rule.enabled ? <Badge tone="success">Enabled</Badge> : <Badge>Disabled</Badge>}</Td>
              <Td className="text-right whitespace-nowrap">
                <Button size="sm" variant="secondary" onClick={() => patch.mutate({ rule, body: { enabled: !rule.enabled } })} aria-label={`${rule.enabled ? 'Disable' : 'Enable'} ${rule.name}`}>
                  {rule.enabled ? 'Disable' : 'Enable'}
                </Button>{' '}
                <Button size="sm" variant="danger" icon="trash" onClick={() => confirm.ask({ title: 'Delete the rule', message: `Delete the rule “${rule.name}”? Entries it mapped keep their deal.`, confirmLabel: 'Delete rule', onConfirm: () => remove.mutate(rule) })} aria-label={`Delete ${rule.name}`} />
              </Td>
            </>
          )}
        </RowsTable>
      )}
    </QueryState>
  );
}
