import { Link } from 'react-router-dom';
import { Icon } from '../../app/layout/icons';
import { navItems } from '../../app/layout/nav-items';

/** The sections that follow the foundation, as a quick way in. */
export function ModuleList() {
  return (
    <section aria-labelledby="modules-title" className="mt-10">
      <div className="flex items-center gap-2">
        <h2 id="modules-title" className="text-base font-semibold text-slate-900">
          Workspace
        </h2>
        <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-700">Coming soon</span>
      </div>
      <p className="mt-1 text-sm text-slate-500">The parts of Clockwork CRM that are on their way.</p>
      <ul className="mt-4 grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {navItems
          .filter((item) => item.path !== '/')
          .map((item) => (
            <li key={item.path}>
              <Link
                to={item.path}
                className="group flex h-full items-start gap-3 rounded-xl border border-slate-200 bg-white p-4 transition hover:border-indigo-200 hover:shadow-sm focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-slate-100 text-slate-600 transition-colors group-hover:bg-indigo-50 group-hover:text-indigo-600">
                  <Icon name={item.icon} className="size-[18px]" />
                </span>
                <span className="min-w-0">
                  <span className="block text-sm font-semibold text-slate-900">{item.label}</span>
                  <span className="mt-0.5 block text-xs text-slate-500">{item.description}</span>
                </span>
              </Link>
            </li>
          ))}
      </ul>
    </section>
  );
}
