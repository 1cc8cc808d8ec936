import { usePageTitle } from '../app/use-page-title';
import { ButtonLink } from './Button';
import { EmptyState } from './States';

export function NotAllowed() {
  usePageTitle('Not available');
  return (
    <div className="rounded-xl border border-slate-200 bg-white">
      <EmptyState icon="key" title="This page is not available to your role" action={<ButtonLink to="/" variant="secondary">Go to the dashboard</ButtonLink>}>
        Ask an admin if you need access.
      </EmptyState>
    </div>
  );
}
