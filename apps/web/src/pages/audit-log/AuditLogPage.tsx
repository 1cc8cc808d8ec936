import type { AuditLogDto } from '@clockwork/api-client';
import { Fragment, useState } from 'react';
import { Link } from 'react-router-dom';
import { useUsers } from '../../api/lookups';
import { Badge, type Tone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { SelectFilter } from '../../components/Filters';
import { Input } from '../../components/Form';
import { Icon } from '../../components/icons';
import { ListPanel } from '../../components/ListPanel';
import { PageHeader } from '../../components/PageHeader';
import { Table, Td, Th } from '../../components/Table';
import { formatDateTime, titleCase } from '../../lib/format';
import { useUrlFilters } from '../../lib/url-filters';
import { useDownload } from '../../lib/use-download';
import { downloadAuditCsv, useAuditLogs } from './audit-log.queries';

const FILTERS = ['object_type', 'object_id', 'actor_id', 'action'] as const;
const VIEWS = { list: 'audit-log', filterKeys: FILTERS } as const;

/** Object types the api audits, for the filter (the api takes any; these are the ones it writes). */
const OBJECT_TYPES = ['account', 'contact', 'deal', 'task', 'note', 'attachment', 'time_entry', 'mapping_rule', 'rate', 'exchange_rate', 'invoice', 'user', 'invitation', 'session', 'api_key', 'integration', 'webhook_subscription', 'import', 'retention_policy', 'organization', 'sso_config'];
const ACTIONS = ['create', 'update', 'delete', 'login', 'login_failed', 'logout', 'role_change', 'invite', 'deactivate', 'password_change', 'password_reset', 'revoke', 'gdpr.export', 'gdpr.erase', 'issue', 'pay', 'void'];

/** Records the web app has a page for, by audited object type. */
const RECORD_PAGES: Record<string, string> = { account: '/accounts', contact: '/contacts', deal: '/deals', invoice: '/invoices' };

const actionTones: Record<string, Tone> = { create: 'success', update: 'info', delete: 'danger', login_failed: 'warning', role_change: 'accent' };
const actorTypeLabels: Record<AuditLogDto['actor_type'], string> = { user: 'User', api_key: 'API key', integration: 'Integration', system: 'System', anonymous: 'Anonymous' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** The toggle's visible text, also the start of its accessible name (WCAG 2.5.3). */
const changeCount = (n: number) => (n === 1 ? '1 change' : `${n} changes`);

/** `changes` as before → after per field; a value that is not `{ from, to }` is shown as the new value. */
export function fieldChanges(changes: Record<string, unknown>): FieldChange[] {
  return Object.entries(changes ?? {}).map(([field, value]) =>
    value && typeof value === 'object' && ('from' in value || 'to' in value) ? { field, from: (value as { from?: unknown }).from ?? null, to: (value as { to?: unknown }).to ?? null } : { field, from: undefined, to: value },
  );
}

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <span className="text-slate-500">—</span>;
  if (value === null || value === '') return <span className="text-slate-500 italic">empty</span>;
  if (value === '[encrypted]')
    return (
      <Badge tone="neutral">
        <Icon name="key" className="size-3" />
        encrypted
      </Badge>
    );
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return <span className="font-mono text-xs break-all text-slate-800">{text}</span>;
}

function ChangesView({ id, changes }: { id: string; changes: FieldChange[] }) {
  return (
    <div id={id} className="bg-slate-50 px-4 py-3">
      {changes.length === 0 ? (
        <p className="text-sm text-slate-500">No field changes were recorded for this event.</p>
      ) : (
        <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white text-sm">
          {changes.map((c) => (
            <div key={c.field} className="grid gap-1 px-3 py-2 sm:grid-cols-[12rem_1fr]">
              <dt className="font-medium text-slate-700">{titleCase(c.field)}</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <span className="sr-only">from </span>
                <Value value={c.from} />{' '}
                <Icon name="arrowRight" className="size-4 shrink-0 text-slate-500" />
                <span className="sr-only"> to </span>
                <Value value={c.to} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function ObjectCell({ log }: { log: AuditLogDto }) {
  const label = titleCase(log.object_type);
  const base = RECORD_PAGES[log.object_type];
  if (base && log.object_id && log.action !== 'delete')
    return (
      <Link to={`${base}/${log.object_id}`} className="rounded font-medium text-indigo-700 hover:text-indigo-900 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
        {label}{' '}
        <span className="font-mono text-xs font-normal text-slate-500">{log.object_id.slice(-8)}</span>
      </Link>
    );
  return <span className="font-medium text-slate-900">{label}</span>;
}

function ExportCsvButton({ filters }: { filters: Record<string, string> }) {
  const file = useDownload<'csv'>();
  return (
    <Button variant="secondary" icon="download" busy={file.busy === 'csv'} onClick={() => file.run('csv', () => downloadAuditCsv(filters), 'Could not export the audit log')}>
      Export CSV
    </Button>
  );
}

/** Who did what to which record, newest first, with each write's before → after. */
export function AuditLogPage() {
  const { users, nameOf } = useUsers();
  const { values, setFilters, clear, active } = useUrlFilters(FILTERS);
  const [objectId, setObjectId] = useState(values.object_id);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const query = useAuditLogs(values);
  const toggle = (id: string) => setOpen((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));
  const actorOf = (log: AuditLogDto) => (log.actor_type === 'user' ? (nameOf(log.actor_id) ?? 'Unknown user') : actorTypeLabels[log.actor_type]);
  const objectIdInvalid = objectId !== '' && !UUID.test(objectId.trim());
  const applyObjectId = () => {
    if (!objectIdInvalid) setFilters({ object_id: objectId.trim() });
  };

  return (
    <>
      <PageHeader title="Audit log" description="Who changed what and when, newest first." actions={<ExportCsvButton filters={values} />} />
      <ListPanel
        views={VIEWS}
        query={query}
        active={active}
        onClear={() => {
          setObjectId('');
          clear();
        }}
        empty={{ icon: 'history', title: 'No audit events yet', filteredTitle: 'No audit event matches these filters', text: 'Changes to records, sign-ins and settings appear here.' }}
        filters={
          <>
            <SelectFilter label="Object type" value={values.object_type} onChange={(object_type) => setFilters({ object_type })} options={OBJECT_TYPES.map((t) => ({ value: t, label: titleCase(t) }))} />
            <SelectFilter label="Action" value={values.action} onChange={(action) => setFilters({ action })} options={ACTIONS.map((a) => ({ value: a, label: titleCase(a) }))} />
            <SelectFilter label="Actor" value={values.actor_id} onChange={(actor_id) => setFilters({ actor_id })} options={users.map((u) => ({ value: u.id, label: u.name }))} allLabel="Anyone" />
            <form
              className="col-span-2 sm:w-80"
              onSubmit={(e) => {
                e.preventDefault();
                applyObjectId();
              }}
            >
              <label htmlFor="audit-object-id" className="mb-1 block text-xs font-medium text-slate-500">
                Object ID
              </label>
              <div className="flex gap-2">
                <Input
                  id="audit-object-id"
                  value={objectId}
                  onChange={(e) => setObjectId(e.target.value)}
                  onBlur={applyObjectId}
                  placeholder="Record UUID"
                  aria-invalid={objectIdInvalid || undefined}
                  aria-describedby={objectIdInvalid ? 'audit-object-id-error' : undefined}
                  className="font-mono text-xs"
                />
                <Button type="submit" variant="secondary" size="sm">
                  Apply
                </Button>
              </div>
              {objectIdInvalid && (
                <p id="audit-object-id-error" className="mt-1 text-xs text-rose-700">
                  Enter a record ID (a UUID).
                </p>
              )}
            </form>
          </>
        }
      >
        {(rows) => (
          <Table label="Audit events">
            <thead>
              <tr>
                <Th>When</Th>
                <Th className="hidden md:table-cell">Who</Th>
                <Th className="hidden md:table-cell">Action</Th>
                <Th>Object</Th>
                <Th>
                  <span className="sr-only">Changes</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((log) => {
                const changes = fieldChanges(log.changes);
                const expanded = open.has(log.id);
                const panelId = `audit-changes-${log.id}`;
                const actor = actorOf(log);
                return (
                  <Fragment key={log.id}>
                    <tr className={`transition-colors hover:bg-slate-50 ${expanded ? 'bg-slate-50' : ''}`}>
                      <Td className="whitespace-nowrap">
                        <time dateTime={log.timestamp} className="text-xs text-slate-600 sm:text-sm">
                          {formatDateTime(log.timestamp)}
                        </time>
                      </Td>
                      <Td className="hidden md:table-cell">
                        <span className="font-medium text-slate-900">{actor}</span>
                        {log.actor_type !== 'user' && log.actor_id && <span className="block font-mono text-xs text-slate-500">{log.actor_id.slice(-8)}</span>}
                      </Td>
                      <Td className="hidden md:table-cell">
                        <Badge tone={actionTones[log.action] ?? 'neutral'}>{titleCase(log.action)}</Badge>
                      </Td>
                      <Td>
                        <p className="mb-1 text-xs text-slate-600 md:hidden">
                          <span className="font-medium text-slate-900">{actor}</span> · {titleCase(log.action)}
                        </p>
                        <ObjectCell log={log} />
                      </Td>
                      <Td className="text-right">
                        <Button variant="ghost" size="sm" aria-expanded={expanded} aria-controls={panelId} onClick={() => toggle(log.id)} aria-label={`${expanded ? 'Hide' : 'Show'} ${changeCount(changes.length)}: ${titleCase(log.action)} ${titleCase(log.object_type).toLowerCase()} by ${actor}`}>
                          <Icon name={expanded ? 'chevronDown' : 'chevronRight'} className="size-4" />
                          <span className="hidden sm:inline">{changeCount(changes.length)}</span>
                        </Button>
                      </Td>
                    </tr>
                    {expanded && (
                      <tr>
                        <td colSpan={5} className="border-b border-slate-200 p-0">
                          <ChangesView id={panelId} changes={changes} />
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </Table>
        )}
      </ListPanel>
    </>
  );
}
