import type { IconName } from './icons';
import { Icon } from './icons';
import { PageHeader } from './PageHeader';

/** A page whose API is still being built: what it will offer, so the shell is complete. */
export function Placeholder({ title, description, icon, planned }: { title: string; description: string; icon: IconName; planned: string[] }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <section className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
        <span className="mx-auto flex size-12 items-center justify-center rounded-xl bg-indigo-50 text-indigo-600">
          <Icon name={icon} className="size-6" />
        </span>
        <p className="mt-4 inline-flex rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-600">Coming soon</p>
        <p className="mx-auto mt-3 max-w-md text-sm text-slate-600">This page arrives with its part of the API. It will offer:</p>
        <ul className="mx-auto mt-4 grid max-w-xl gap-2 text-left text-sm text-slate-700 sm:grid-cols-2">
          {planned.map((item) => (
            <li key={item} className="flex items-start gap-2 rounded-lg bg-slate-50 px-3 py-2">
              <Icon name="check" className="mt-0.5 size-4 shrink-0 text-indigo-500" />
              {item}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
