import type { TimelineItemDto } from '@clockwork/api-client';
import { useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { EmailDialog, participants } from '../../pages/email-log/EmailDialog';
import { Card } from '../Card';
import { Icon, type IconName } from '../icons';
import { EmptyState, QueryState } from '../States';
import { useTimeline } from './records.queries';

const icons: Partial<Record<TimelineItemDto['type'], IconName>> = { note: 'note', task: 'tasks', deal_stage: 'deals', audit: 'bell', time_entry: 'time', activity: 'contacts', email: 'inbox' } as Partial<Record<string, IconName>>;

type Participant = { address: string; name: string | null };

/** A logged email on the timeline: subject (opens the whole email), sender and recipients, snippet. */
function EmailItem({ item, onOpen }: { item: TimelineItemDto; onOpen: () => void }) {
  const data = item.data as { subject?: string; snippet?: string; from?: Participant; to?: Participant[]; cc?: Participant[] };
  return (
    <>
      <button
        type="button"
        onClick={onOpen}
        className="rounded text-left text-sm font-medium text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {item.summary}
      </button>
      <p className="text-xs break-words text-slate-600">
        {data.from ? participants([data.from]) : ''} → {participants([...(data.to ?? []), ...(data.cc ?? [])])}
      </p>
      {data.snippet && <p className="text-sm break-words text-slate-700">{data.snippet}</p>}
    </>
  );
}

export function TimelinePanel({ parent }: { parent: { type: 'account' | 'contact'; id: string } }) {
  const timeline = useTimeline(parent);
  const items = timeline.data?.data ?? [];
  const [open, setOpen] = useState<TimelineItemDto | null>(null);
  return (
    <Card title="Timeline" padded={false}>
      <QueryState query={timeline} isEmpty={items.length === 0} empty={<EmptyState icon="bell" title="Nothing has happened yet" />}>
        <ol className="relative space-y-4 p-4 sm:p-5">
          {items.map((item) => (
            <li key={`${item.type}-${item.id}-${item.at}`} className="flex gap-3">
              <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500">
                <Icon name={icons[item.type] ?? 'bell'} className="size-3.5" />
              </span>
              <div className="min-w-0">
                {item.type === 'email' ? <EmailItem item={item} onOpen={() => setOpen(item)} /> : <p className="text-sm text-slate-800">{item.summary}</p>}
                <time dateTime={item.at} className="text-xs text-slate-500">
                  {formatDateTime(item.at)}
                </time>
              </div>
            </li>
          ))}
        </ol>
      </QueryState>
      {open && <EmailDialog id={open.id} subject={open.summary} onClose={() => setOpen(null)} />}
    </Card>
  );
}
