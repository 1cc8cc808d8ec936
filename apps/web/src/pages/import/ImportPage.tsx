import type { ImportPreviewDto } from '@clockwork/api-client';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Field, FormError, Input, Select } from '../../components/Form';
import { NotAllowed } from '../../components/NotAllowed';
import { PageHeader } from '../../components/PageHeader';
import { Table, Td, Th, Tr } from '../../components/Table';
import { titleCase } from '../../lib/format';
import { importFields, mergeMapping, useImportMutations, type ColumnMapping, type ImportKind } from './import.queries';
import { ImportProgress } from './ImportProgress';

export function ImportPage() {
  const { user } = useAuth();
  const [params] = useSearchParams();
  const [kind, setKind] = useState<ImportKind>(params.get('kind') === 'contacts' ? 'contacts' : 'accounts');
  const [file, setFile] = useState<File | null>(null);
  const [changes, setChanges] = useState<ColumnMapping>({});
  const [jobId, setJobId] = useState<string | null>(null);
  const { preview, start } = useImportMutations(file, kind, (job) => setJobId(job.id));

  if (!can(user?.role, 'import')) return <NotAllowed />;
  const result: ImportPreviewDto | undefined = preview.data;
  const mapping = result ? mergeMapping(result.headers, result.mapping, changes) : {};
  const reset = () => (preview.reset(), setChanges({}), setJobId(null));

  return (
    <>
      <PageHeader title="Import from CSV" back={{ to: `/${kind}`, label: titleCase(kind) }} description="Upload a CSV file, check how its columns map, preview the rows, then import." />
      <div className="min-w-0 space-y-6">
        <Card title="1 · Choose a file">
          <div className="grid gap-4 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
            <Field label="Import">
              <Select value={kind} onChange={(e) => (setKind(e.target.value as ImportKind), reset())}>
                <option value="accounts">Accounts</option>
                <option value="contacts">Contacts</option>
              </Select>
            </Field>
            <Field label="CSV file" hint="UTF-8, the first line names the columns.">
              <Input type="file" accept=".csv,text/csv" onChange={(e) => (setFile(e.target.files?.[0] ?? null), reset())} />
            </Field>
            <Button disabled={!file} busy={preview.isPending} onClick={() => preview.mutate(undefined)}>
              Preview
            </Button>
          </div>
          <div className="mt-4">
            <FormError error={preview.error} />
          </div>
        </Card>

        {result && !jobId && (
          <Card title="2 · Map the columns" padded={false}>
            <ul className="grid gap-3 p-4 sm:grid-cols-2 sm:p-5 lg:grid-cols-3">
              {result.headers.map((header) => (
                <li key={header}>
                  <Field label={header}>
                    <Select value={mapping[header] ?? ''} onChange={(e) => setChanges((c) => ({ ...c, [header]: e.target.value }))}>
                      <option value="">Ignore this column</option>
                      {importFields[kind].map((f) => (
                        <option key={f} value={f}>
                          {titleCase(f)}
                        </option>
                      ))}
                    </Select>
                  </Field>
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-100 p-4">
              <Button variant="secondary" icon="refresh" busy={preview.isPending} onClick={() => preview.mutate(mapping)}>
                Update preview
              </Button>
              <Button icon="upload" busy={start.isPending} onClick={() => start.mutate(mapping)}>
                Import {kind}
              </Button>
            </div>
            <div className="px-4 pb-4">
              <FormError error={start.error} />
            </div>
          </Card>
        )}

        {result && !jobId && (
          <Card title={`3 · Preview · first ${result.rows.length} rows`} padded={false}>
            <Table label="Import preview">
              <thead>
                <tr>
                  <Th>Row</Th>
                  <Th>Action</Th>
                  {importFields[kind].filter((f) => Object.values(mapping).includes(f)).map((f) => (
                    <Th key={f}>{titleCase(f)}</Th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.rows.map((row) => (
                  <Tr key={row.row}>
                    <Td className="text-slate-500">{row.row}</Td>
                    <Td>
                      <Badge tone={row.action === 'create' ? 'success' : 'info'}>{row.action === 'create' ? 'Create' : 'Update'}</Badge>
                    </Td>
                    {importFields[kind].filter((f) => Object.values(mapping).includes(f)).map((f) => (
                      <Td key={f}>{String(row.record[f] ?? '')}</Td>
                    ))}
                  </Tr>
                ))}
              </tbody>
            </Table>
            {result.errors.length > 0 && (
              <ul className="border-t border-rose-100 bg-rose-50/60 p-4 text-xs text-rose-800">
                {result.errors.map((e, i) => (
                  <li key={i}>
                    Row {e.row}
                    {e.field ? ` · ${e.field}` : ''}: {e.message}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        )}

        {jobId && (
          <Card title="Importing" padded={false}>
            <ImportProgress id={jobId} />
          </Card>
        )}
      </div>
    </>
  );
}
