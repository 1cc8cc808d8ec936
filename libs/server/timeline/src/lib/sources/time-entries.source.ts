import { seesEveryonesTime } from '@clockwork/shared-dto';
import { isoSql, TIMELINE_PARAM as P, TimelineSource } from '../timeline-source.types';

/**
 * Time logged on the account: its time entries (by `account_id`, set when an entry maps to one
 * of the account's deals), newest work first, through the (organization_id, account_id,
 * start_time, id) index. Not on contact timelines: time is logged against accounts, deals and
 * tasks, never against a person at the customer, and repeating the account's hours on each of
 * its contacts would bury their own notes. No productivity score; for sales and support, another
 * person's entry shows no user, employee or activity type (docs/permissions.md).
 */
export const timeEntrySource: TimelineSource = {
  forAccount: (viewer) => {
    // Sales (and support) see the hours logged on the account, but not who logged another person's entry.
    const person = (expr: string) => (seesEveryonesTime(viewer.principal.role) ? expr : `CASE WHEN te.user_id = ${P.viewer} THEN ${expr} END`);
    return [
      {
        type: 'time_entry',
        from: 'FROM time_entries te LEFT JOIN deals d ON d.organization_id = te.organization_id AND d.id = te.deal_id',
        organizationColumn: 'te.organization_id',
        where: [`te.account_id = ${P.subject}`],
        at: 'te.start_time',
        id: 'te.id',
        summary: `to_char(te.duration_seconds / 3600.0, 'FM999990.00') || ' h logged' || coalesce(': ' || coalesce(d.name, te.project_name), '')`,
        data: `jsonb_build_object('deal_id', te.deal_id, 'deal_name', d.name, 'task_id', te.task_id, 'user_id', ${person('te.user_id')}, 'employee_id', ${person('te.employee_id')},
          'project_name', te.project_name, 'start_time', ${isoSql('te.start_time')}, 'end_time', ${isoSql('te.end_time')},
          'duration_seconds', te.duration_seconds, 'activity_type', ${person('te.activity_type')}, 'billable', te.billable, 'mapping_rule', te.mapping_rule)`,
      },
    ];
  },
  forContact: () => [],
};
