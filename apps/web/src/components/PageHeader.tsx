import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { usePageTitle } from '../app/use-page-title';
import { Icon } from './icons';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  back?: { to: string; label: string };
  meta?: ReactNode;
}

/** The title block of every page: sets the document title and holds the page's main actions. */
export function PageHeader({ title, description, actions, back, meta }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <div className="mb-6">
      {back && (
        <Link to={back.to} className="mb-3 inline-flex items-center gap-1 rounded text-sm font-medium text-slate-500 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-indigo-600">
          <Icon name="arrowLeft" className="size-4" />
          {back.label}
        </Link>
      )}
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 id="page-title" className="truncate text-2xl font-semibold tracking-tight text-slate-900">
            {title}
          </h1>
          {description && <p className="mt-1 text-sm text-slate-500">{description}</p>}
          {meta && <div className="mt-2 flex flex-wrap items-center gap-2">{meta}</div>}
        </div>
        {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
      </div>
    </div>
  );
}
