import { Link } from 'react-router-dom';
import { ApiError } from '../../api/errors';
import { Icon } from '../../components/icons';

/** The refusal of a mailed link (the API names `token`), with where to get a new one. */
export function TokenError({ error, retry }: { error: unknown; retry: { to: string; label: string } }) {
  const message = error instanceof ApiError ? error.fieldErrors.token : undefined;
  if (!message) return null;
  return (
    <div role="alert" className="flex items-start gap-2 rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
      <Icon name="alert" className="mt-0.5 size-4 shrink-0" />
      <span>
        {message}{' '}
        <Link to={retry.to} className="font-semibold underline">
          {retry.label}
        </Link>
      </span>
    </div>
  );
}
