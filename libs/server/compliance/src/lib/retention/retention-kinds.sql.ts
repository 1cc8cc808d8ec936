import { APPROVED_TIME_ENTRY } from '@clockwork/server-timesheets';
import type { RetentionKind } from '@clockwork/shared-dto';

/** How retention finds and treats the old rows of one kind. `t` is the table's alias. */
export interface RetentionKindSql {
  table: string;
  /** The timestamp a row's age is measured from. */
  age: string;
  /** Rows kept whatever their age (legal or proof-of-erasure records). */
  alwaysKept?: string;
  /** Rows an anonymization would still change (already anonymized ones are not counted again). */
  notAnonymized: string;
  /** The SET clause of anonymization. */
  anonymize: string;
  /** Time entries: those claimed by an invoice are kept, when the invoice tables exist. */
  invoiced?: boolean;
}

export const RETENTION_SQL: Record<RetentionKind, RetentionKindSql> = {
  time_entries: {
    table: 'time_entries',
    age: 't.start_time',
    // An approved timesheet vouches for them: kept until an admin reopens it.
    alwaysKept: APPROVED_TIME_ENTRY('t'),
    notAnonymized: '(t.user_id IS NOT NULL OR t.employee_id IS NOT NULL)',
    // Who tracked the time goes; what it was spent on (deal, task, duration) stays for the reports.
    anonymize: 'user_id = NULL, employee_id = NULL, updated_at = now()',
    invoiced: true,
  },
  audit_logs: {
    table: 'audit_logs',
    age: 't.created_at',
    // Erasure tombstones and export records prove what was done with personal data; they hold none.
    alwaysKept: `t.action LIKE 'gdpr.%'`,
    notAnonymized: `(t.actor_id IS NOT NULL OR t.ip IS NOT NULL OR t.request_id IS NOT NULL
      OR EXISTS (SELECT 1 FROM jsonb_each(t.changes) e WHERE e.value <> '"[erased]"'::jsonb))`,
    // What happened to which record, and when, stays; who did it, from where, and the values go.
    anonymize: `actor_id = NULL, ip = NULL, request_id = NULL,
      changes = coalesce((SELECT jsonb_object_agg(k, '"[erased]"'::jsonb) FROM jsonb_object_keys(changes) k), '{}'::jsonb)`,
  },
  notes: {
    table: 'notes',
    age: 't.created_at',
    notAnonymized: `(t.body <> '[erased]' OR t.author_id IS NOT NULL OR t.is_private)`,
    // Nothing private is left, so the note is no longer private (nor its text encrypted).
    anonymize: `body = '[erased]', author_id = NULL, is_private = false, updated_at = now()`,
  },
};

/** The claim of an invoice on a time entry (see the billing migration). */
export const INVOICED = `EXISTS (SELECT 1 FROM invoice_line_entries c WHERE c.organization_id = t.organization_id AND c.time_entry_id = t.id)`;
