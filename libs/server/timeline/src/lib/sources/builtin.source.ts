import type { Role } from '@clockwork/shared-dto';
import { isoSql, TIMELINE_PARAM as P, TimelineBranch, TimelineSource, TimelineViewer } from '../timeline-source.types';
import { timeEntrySource } from './time-entries.source';

/** Roles that may read deals (docs/permissions.md): the others see no deal items. */
const READS_DEALS: readonly Role[] = ['admin', 'manager', 'sales'];
const readsDeals = (viewer: TimelineViewer) => READS_DEALS.includes(viewer.principal.role);

const noteColumns = {
  at: 'n.created_at',
  id: 'n.id',
  summary: 'left(n.body, 200)',
  data: `jsonb_build_object('parent_type', n.parent_type, 'parent_id', coalesce(n.account_id, n.contact_id, n.deal_id, n.task_id),
    'author_id', n.author_id, 'is_private', n.is_private, 'body', n.body)`,
  organizationColumn: 'n.organization_id',
};
/** Private notes are shown to their author and admins only. */
const visibleNote = `(NOT n.is_private OR n.author_id = ${P.viewer} OR ${P.viewerIsAdmin})`;

/** Notes on the account, on its contacts and on its deals; notes on a contact. */
export const noteSource: TimelineSource = {
  forAccount: (viewer) => {
    const branches: TimelineBranch[] = [
      { type: 'note', from: 'FROM notes n', where: [`n.account_id = ${P.subject}`, visibleNote], ...noteColumns },
      {
        type: 'note',
        from: 'FROM notes n JOIN contacts c ON c.organization_id = n.organization_id AND c.id = n.contact_id',
        where: [`c.account_id = ${P.subject}`, visibleNote],
        ...noteColumns,
      },
    ];
    if (readsDeals(viewer)) {
      branches.push({
        type: 'note',
        from: 'FROM notes n JOIN deals d ON d.organization_id = n.organization_id AND d.id = n.deal_id',
        where: [`d.account_id = ${P.subject}`, visibleNote],
        ...noteColumns,
      });
    }
    return branches;
  },
  forContact: () => [{ type: 'note', from: 'FROM notes n', where: [`n.contact_id = ${P.subject}`, visibleNote], ...noteColumns }],
};

/** Tasks of the account's deals (by creation). */
export const taskSource: TimelineSource = {
  forAccount: (viewer) =>
    readsDeals(viewer)
      ? [
          {
            type: 'task',
            from: 'FROM tasks t JOIN deals d ON d.organization_id = t.organization_id AND d.id = t.deal_id',
            organizationColumn: 't.organization_id',
            where: [`d.account_id = ${P.subject}`],
            at: 't.created_at',
            id: 't.id',
            summary: 't.title',
            data: `jsonb_build_object('deal_id', t.deal_id, 'deal_name', d.name, 'title', t.title, 'status', t.status, 'priority', t.priority,
              'assigned_to', t.assigned_to, 'due_date', ${isoSql('t.due_date')}, 'completed_at', ${isoSql('t.completed_at')})`,
          },
        ]
      : [],
  forContact: () => [],
};

const stageColumns = {
  organizationColumn: 'h.organization_id',
  at: 'h.entered_at',
  id: 'h.id',
  summary: `d.name || ': ' || coalesce(h.from_stage || ' → ', '') || h.to_stage`,
  data: `jsonb_build_object('deal_id', h.deal_id, 'deal_name', d.name, 'from_stage', h.from_stage, 'to_stage', h.to_stage, 'changed_by', h.changed_by)`,
};

/** Stage changes of the account's deals; for a contact, of the deals of its account. */
export const dealStageSource: TimelineSource = {
  forAccount: (viewer) =>
    readsDeals(viewer)
      ? [{ type: 'deal_stage', from: 'FROM deal_stage_history h JOIN deals d ON d.organization_id = h.organization_id AND d.id = h.deal_id', where: [`d.account_id = ${P.subject}`], ...stageColumns }]
      : [],
  forContact: (viewer) =>
    readsDeals(viewer)
      ? [
          {
            type: 'deal_stage',
            from: `FROM deal_stage_history h
              JOIN deals d ON d.organization_id = h.organization_id AND d.id = h.deal_id
              JOIN contacts c ON c.organization_id = d.organization_id AND c.account_id = d.account_id`,
            where: [`c.id = ${P.subject}`],
            ...stageColumns,
          },
        ]
      : [],
};

const auditBranch = (objectType: 'account' | 'contact'): TimelineBranch => ({
  type: 'audit',
  from: 'FROM audit_logs l',
  organizationColumn: 'l.organization_id',
  where: [`l.object_type = '${objectType}'`, `l.object_id = ${P.subject}`],
  at: 'l.created_at',
  id: 'l.id',
  summary: `initcap(l.object_type) || ' ' || l.action || coalesce(': ' || nullif((SELECT string_agg(k, ', ' ORDER BY k) FROM jsonb_object_keys(l.changes) k), ''), '')`,
  data: `jsonb_build_object('action', l.action, 'object_type', l.object_type, 'object_id', l.object_id, 'actor_type', l.actor_type, 'actor_id', l.actor_id, 'changes', l.changes)`,
});

/** The audit entries of the account or contact itself. */
export const auditSource: TimelineSource = {
  forAccount: () => [auditBranch('account')],
  forContact: () => [auditBranch('contact')],
};

export const BUILTIN_TIMELINE_SOURCES: readonly TimelineSource[] = [noteSource, taskSource, dealStageSource, auditSource, timeEntrySource];
