import { Button } from '../../components/Button';
import { useDownload } from '../../lib/use-download';

/** CSV and PDF downloads of one report (`download` fetches and saves the file of a format). */
export function ExportButtons({ title, download }: { title: string; download: (format: 'csv' | 'pdf') => Promise<unknown> }) {
  const files = useDownload<'csv' | 'pdf'>();
  return (
    <>
      {(['csv', 'pdf'] as const).map((format) => (
        <Button key={format} variant="secondary" size="sm" icon="download" busy={files.busy === format} onClick={() => files.run(format, () => download(format), `Could not export ${title}`)} aria-label={`Export ${title} as ${format.toUpperCase()}`}>
          {format.toUpperCase()}
        </Button>
      ))}
    </>
  );
}
