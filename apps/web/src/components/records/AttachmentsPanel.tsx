import { attachmentsContent, type AttachmentDto } from '@clockwork/api-client';
import { useRef } from 'react';
import { errorMessage, unwrap } from '../../api/errors';
import { formatDate } from '../../lib/format';
import { Button } from '../Button';
import { Card } from '../Card';
import { Icon } from '../icons';
import { QueryState } from '../States';
import { useToast } from '../Toast';
import { useAttachments, useUploadAttachment } from './records.queries';

const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1_048_576 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1_048_576).toFixed(1)} MB`);

/** Downloads through the API client (the file needs the bearer token), then saves it. */
async function download(attachment: AttachmentDto) {
  const blob = await unwrap(attachmentsContent({ path: { id: attachment.id }, parseAs: 'blob' }));
  const url = URL.createObjectURL(blob as Blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: attachment.file_name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function AttachmentsPanel({ parent }: { parent: { type: AttachmentDto['parent_type']; id: string } }) {
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const list = useAttachments(parent);
  const upload = useUploadAttachment(parent);

  return (
    <Card
      title="Attachments"
      padded={false}
      actions={
        <>
          <input
            ref={input}
            type="file"
            className="sr-only"
            aria-label="Choose a file to upload"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) upload.mutate(file);
              e.target.value = '';
            }}
          />
          <Button variant="secondary" size="sm" icon="upload" busy={upload.isPending} onClick={() => input.current?.click()}>
            Upload
          </Button>
        </>
      }
    >
      <QueryState query={list} isEmpty={(list.data?.data ?? []).length === 0} emptyState={{ icon: 'paperclip', title: 'No files yet', text: 'PDFs, images, office documents, CSV and ZIP files.' }}>
        <ul className="divide-y divide-slate-100">
          {(list.data?.data ?? []).map((a) => (
            <li key={a.id} className="flex items-center gap-3 px-4 py-3 sm:px-5">
              <Icon name="paperclip" className="size-4 shrink-0 text-slate-400" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{a.file_name}</p>
                <p className="text-xs text-slate-500">
                  {size(a.size_bytes)} · {formatDate(a.created_at)}
                </p>
              </div>
              <Button variant="ghost" size="sm" icon="download" onClick={() => download(a).catch((e) => toast.error(errorMessage(e)))}>
                <span className="sr-only sm:not-sr-only">Download</span>
              </Button>
            </li>
          ))}
        </ul>
      </QueryState>
    </Card>
  );
}
