import { useState } from 'react';
import { useUsers } from '../../api/lookups';
import { formatDateTime, titleCase } from '../../lib/format';
import { Badge } from '../Badge';
import { Button } from '../Button';
import { Card } from '../Card';
import { Modal } from '../Modal';
import { EmptyState, QueryState } from '../States';
import { ActivityForm } from './ActivityForm';
import { useActivities, type ActivityParent } from './activities.queries';

/** The calls and meetings of an account, contact or deal, newest first, with "Log a call / meeting". */
export function ActivitiesPanel({ parent }: { parent: ActivityParent }) {
  const [logging, setLogging] = useState(false);
  const { nameOf } = useUsers();
  const activities = useActivities(parent);
  const rows = activities.data?.data ?? [];
  return (
    <Card
      title="Calls & meetings"
      padded={false}
      actions={
        <Button size="sm" variant="secondary" icon="plus" onClick={() => setLogging(true)}>
          Log a call / meeting
        </Button>
      }
    >
      <QueryState query={activities} isEmpty={rows.length === 0} empty={<EmptyState icon="bell" title="No calls or meetings yet" />}>
        <ul className="divide-y divide-slate-100" aria-label="Calls and meetings">
          {rows.map((a) => (
            <li key={a.id} className="px-4 py-3 sm:px-5">
              <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                <Badge>{a.type === 'call' ? 'Call' : 'Meeting'}</Badge>
                <span>{titleCase(a.outcome)}</span>
                <span>{a.duration_minutes} min</span>
                <time dateTime={a.occurred_at}>{formatDateTime(a.occurred_at)}</time>
                {a.owner_id && <span>{nameOf(a.owner_id)}</span>}
              </div>
              <p className="mt-1 text-sm font-medium text-slate-800">{a.subject}</p>
              {a.notes && <p className="mt-1 text-sm whitespace-pre-wrap text-slate-600">{a.notes}</p>}
            </li>
          ))}
        </ul>
      </QueryState>
      {logging && (
        <Modal title="Log a call or meeting" onClose={() => setLogging(false)}>
          <ActivityForm parent={parent} onDone={() => setLogging(false)} />
        </Modal>
      )}
    </Card>
  );
}
