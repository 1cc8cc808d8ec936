import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

export function StatTile({ label, value, hint, to }: { label: string; value: ReactNode; hint?: ReactNode; to?: string }) {
  const body = (
    <>
      <p className="text-xs font-medium text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 tabular-nums">{value}</p>
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </>
  );
  const box = 'block rounded-xl border border-slate-200 bg-white p-4 shadow-sm shadow-slate-900/5';
  return to ? (
    <Link to={to} className={`${box} transition hover:border-indigo-200 focus-visible:outline-2 focus-visible:outline-indigo-600`}>
      {body}
    </Link>
  ) : (
    <div className={box}>{body}</div>
  );
}
