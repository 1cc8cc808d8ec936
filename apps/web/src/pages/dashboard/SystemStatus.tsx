import { useHealth } from '../../api/health';
import { Badge } from '../../components/Badge';

/** One line of system health: the API, the database and Redis. */
export function SystemStatus() {
  const { data, error, isPending } = useHealth();
  const state = (part: 'up' | 'down' | undefined) => (isPending ? 'Checking…' : error ? 'Unknown' : part === 'up' ? 'Up' : 'Down');
  const tone = (label: string) => (label === 'Up' ? 'success' : label === 'Down' ? 'danger' : 'neutral');
  const parts: Array<[string, string]> = [
    ['API', isPending ? 'Checking…' : error ? 'Down' : 'Up'],
    ['Database', state(data?.db)],
    ['Redis', state(data?.redis)],
  ];
  return (
    <ul aria-label="System status" className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
      {parts.map(([name, label]) => (
        <li key={name} className="flex items-center gap-1.5">
          {name}
          <Badge tone={tone(label)} dot>
            {label}
          </Badge>
        </li>
      ))}
    </ul>
  );
}
