import type { CreateReportScheduleDto } from '@clockwork/api-client';
import { useState, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Field, FormError, InputField, Select, SubmitRow } from '../../components/Form';
import { Modal } from '../../components/Modal';
import { SCHEDULE_RANGES, scheduleParams } from './report-data';
import { UNGROUPED_REPORTS, useCreateReportSchedule, type ReportKind, type ReportQuery } from './reports.queries';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** "Schedule this report": mails the report with the page's filters, daily, weekly or monthly. */
export function ScheduleDialog({ kind, title, query, onClose }: { kind: ReportKind; title: string; query: ReportQuery; onClose: () => void }) {
  const hasDates = !!(query.date_from || query.date_to);
  const [frequency, setFrequency] = useState<CreateReportScheduleDto['frequency']>('weekly');
  const create = useCreateReportSchedule(onClose);
  const errors = fieldErrorsOf(create.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const params = scheduleParams({ ...query }, { grouped: !UNGROUPED_REPORTS.includes(kind), range: text('range') });
    create.mutate({
      report: kind,
      params,
      frequency,
      ...(frequency === 'weekly' ? { weekday: Number(text('weekday')) } : {}),
      ...(frequency === 'monthly' ? { day_of_month: Number(text('day_of_month')) } : {}),
      hour: Number(text('hour')),
      timezone: text('timezone'),
      recipients: text('recipients').split(/[\s,;]+/).filter(Boolean),
      format: text('format') === 'pdf' ? 'pdf' : 'csv',
    });
  };
  return (
    <Modal title={`Schedule ${title}`} onClose={onClose}>
      <form onSubmit={submit} className="space-y-4" noValidate aria-label={`Schedule ${title}`}>
        <p className="text-sm text-slate-500">The report is emailed with the filters of this page, as an attachment.</p>
        <FormError error={create.error} />
        <Field label="Period" error={errors['params.range'] ?? errors['params']} hint={hasDates ? undefined : 'No dates are set on the page: pick a period that moves with each run.'}>
          <Select name="range" defaultValue={hasDates ? '' : 'last_7_days'}>
            {hasDates && <option value="">The dates of the filters</option>}
            {SCHEDULE_RANGES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Frequency" error={errors.frequency}>
            <Select name="frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as typeof frequency)}>
              <option value="daily">Daily</option>
              <option value="weekly">Weekly</option>
              <option value="monthly">Monthly</option>
            </Select>
          </Field>
          {frequency === 'weekly' && (
            <Field label="Day of the week" error={errors.weekday}>
              <Select name="weekday" defaultValue="1">
                {WEEKDAYS.map((d, i) => (
                  <option key={d} value={i + 1}>
                    {d}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          {frequency === 'monthly' && (
            <InputField label="Day of the month" name="day_of_month" type="number" min={1} max={31} defaultValue={1} errors={errors} />
          )}
          <InputField label="Hour" name="hour" type="number" min={0} max={23} defaultValue={8} errors={errors} />
          <InputField label="Time zone" name="timezone" defaultValue={browserTimeZone()} autoComplete="off" errors={errors} />
        </div>
        <InputField label="Recipients" name="recipients" type="text" inputMode="email" autoComplete="off" errors={errors} hint="Email addresses, separated by commas (up to 20)." />
        <Field label="Attachment" error={errors.format}>
          <Select name="format" defaultValue="csv">
            <option value="csv">CSV</option>
            <option value="pdf">PDF</option>
          </Select>
        </Field>
        <SubmitRow busy={create.isPending}>Schedule</SubmitRow>
      </form>
    </Modal>
  );
}
