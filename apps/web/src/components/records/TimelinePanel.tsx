import type { TimelineItemDto } from '@clockwork/api-client';
import { formatDateTime } from '../../lib/format';
import { Card } from '../Card';
import { Icon, type IconName } from '../icons';
import { EmptyState, QueryState } from '../States';
import { useTimeline } from './records.queries';

const icons: Partial<Record<TimelineItemDto['type'], IconName>> = { note: 'note', task: 'tasks', deal_stage: 'deals', audit: 'bell', time_entry: 'time', activity: 'contacts' } as Partial<Record<string, IconName>>;

export function TimelinePanel({ parent }: { parent: { type: 'account' | 'contact'; id: string } }) {
  const timeline = useTimeline(parent);
  const items = timeline.data?.data ?? [];
  return (
    <Card title="Timeline" padded={false}>
      <QueryState query={timeline}>
        {items.length === 0 ? (
          <EmptyState icon="bell" title="Nothing has happened yet" />
        ) : (
          <ol className="relative space-y-4 p-4 sm:p-5">
            {items.map((item) => (
              <li key={`${item.type}-${item.id}-${item.at}`} className="flex gap-3">
                <span className="flex size-7 shrink-0 items-center justify-center rounded-full bg-slate-100 text-slate-500">
                  <Icon name={icons[item.type] ?? 'bell'} className="size-3.5" />
                </span>
                <div className="min-w-0">
                  <p className="text-sm text-slate-800">{item.summary}</p>
                  <time dateTime={item.at} className="text-xs text-slate-500">
                    {formatDateTime(item.at)}
                  </time>
                </div>
              </li>
            ))}
          </ol>
        )}
      </QueryState>
    </Card>
  );
}
