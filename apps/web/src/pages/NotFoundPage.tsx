import { Link } from 'react-router-dom';
import { usePageTitle } from '../app/use-page-title';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section aria-labelledby="page-title" className="py-16 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 id="page-title" className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">
        Page not found
      </h1>
      <p className="mt-2 text-sm text-slate-500">There is nothing at this address.</p>
      <Link to="/" className="mt-6 inline-block text-sm font-medium text-indigo-600 hover:text-indigo-500">
        Go to the dashboard
      </Link>
    </section>
  );
}
