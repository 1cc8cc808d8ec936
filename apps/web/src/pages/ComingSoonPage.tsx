import { Link } from 'react-router-dom';
import { Icon } from '../app/layout/icons';
import type { NavItem } from '../app/layout/nav-items';
import { usePageTitle } from '../app/use-page-title';

export function ComingSoonPage({ item }: { item: NavItem }) {
  usePageTitle(item.label);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-semibold tracking-tight text-slate-900">
        {item.label}
      </h1>
      <p className="mt-1 text-sm text-slate-500">{item.description}</p>
      <div className="mt-8 flex flex-col items-center rounded-2xl border border-dashed border-slate-300 bg-white px-6 py-16 text-center">
        <span className="flex size-12 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600">
          <Icon name={item.icon} className="size-6" />
        </span>
        <p className="mt-4 inline-flex rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-600">Coming soon</p>
        <p className="mt-3 max-w-md text-sm text-slate-600">
          {item.label} is on its way. The API and the data model land first; this page follows.
        </p>
        <Link
          to="/"
          className="mt-6 inline-flex items-center gap-1.5 text-sm font-medium text-indigo-600 hover:text-indigo-500"
        >
          Back to the dashboard
          <Icon name="arrowRight" className="size-4" />
        </Link>
      </div>
    </section>
  );
}
