import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { Button } from '../../components/Button';
import { useToast } from '../../components/Toast';
import { downloadReport, type ReportKind, type ReportQuery } from './reports.queries';

/** CSV and PDF downloads of one report with the page's filters. */
export function ExportButtons({ kind, query, title }: { kind: ReportKind; query: ReportQuery; title: string }) {
  const toast = useToast();
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const run = async (format: 'csv' | 'pdf') => {
    setBusy(format);
    try {
      await downloadReport(kind, format, query);
    } catch (error) {
      toast.error(`Could not export ${title}: ${errorMessage(error)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      {(['csv', 'pdf'] as const).map((format) => (
        <Button key={format} variant="secondary" size="sm" icon="download" busy={busy === format} onClick={() => run(format)} aria-label={`Export ${title} as ${format.toUpperCase()}`}>
          {format.toUpperCase()}
        </Button>
      ))}
    </>
  );
}
