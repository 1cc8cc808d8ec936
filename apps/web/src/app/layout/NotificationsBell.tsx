import type { NotificationDto } from '@clockwork/api-client';
import { useCallback, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { Icon } from '../../components/icons';
import { formatRelative } from '../../lib/format';
import { useLatestNotifications, useNotificationMutations, useUnreadCount } from './notifications.queries';
import { useDismiss } from './use-dismiss';

export { UNREAD_POLL_MS } from './notifications.queries';

/** The bell in the top bar: unread count (polled every 30 s) and the latest notifications. */
export function NotificationsBell() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  const unread = useUnreadCount();
  const list = useLatestNotifications(open);
  const { markRead, readAll } = useNotificationMutations();

  useDismiss(open, close, box);

  const count = unread.data?.unread ?? 0;
  const openNotification = (n: NotificationDto) => {
    if (!n.read_at) markRead.mutate(n);
    setOpen(false);
    if (n.link?.startsWith('/')) navigate(n.link);
  };

  return (
    <div ref={box} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((o) => !o)}
        className="relative rounded-lg p-2 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        <Icon name="bell" />
        <span className="sr-only">{count > 0 ? `Notifications, ${count} unread` : 'Notifications'}</span>
        {count > 0 && (
          <span aria-hidden="true" className="absolute top-1 right-1 flex min-w-4 items-center justify-center rounded-full bg-rose-600 px-1 text-[10px] leading-4 font-semibold text-white">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <div role="region" aria-label="Notifications" className="absolute right-0 mt-2 w-[min(22rem,calc(100vw-2rem))] rounded-xl border border-slate-200 bg-white shadow-lg shadow-slate-900/10">
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2.5">
            <p className="text-sm font-semibold text-slate-900">Notifications</p>
            <button type="button" disabled={count === 0 || readAll.isPending} onClick={() => readAll.mutate()} className="rounded text-xs font-medium text-indigo-600 hover:text-indigo-500 disabled:text-slate-400 focus-visible:outline-2 focus-visible:outline-indigo-600">
              Mark all read
            </button>
          </div>
          <ul className="max-h-96 overflow-y-auto py-1">
            {list.isPending && <li className="px-4 py-6 text-center text-sm text-slate-500">Loading…</li>}
            {list.error && <li className="px-4 py-6 text-center text-sm text-rose-700">{errorMessage(list.error)}</li>}
            {list.data?.data.length === 0 && <li className="px-4 py-6 text-center text-sm text-slate-500">You are all caught up.</li>}
            {list.data?.data.map((n) => (
              <li key={n.id}>
                <button type="button" onClick={() => openNotification(n)} className="flex w-full gap-3 px-4 py-2.5 text-left hover:bg-slate-50 focus-visible:bg-slate-50 focus-visible:outline-none">
                  <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${n.read_at ? 'bg-transparent' : 'bg-indigo-600'}`} />
                  <span className="min-w-0">
                    <span className={`block text-sm ${n.read_at ? 'text-slate-600' : 'font-semibold text-slate-900'}`}>
                      {n.title}
                      {!n.read_at && <span className="sr-only"> (unread)</span>}
                    </span>
                    <span className="block text-xs text-slate-500">{n.body}</span>
                    <span className="mt-0.5 block text-[11px] text-slate-400">{formatRelative(n.updated_at)}</span>
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
