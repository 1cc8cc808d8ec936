import { useAuth } from '../auth/AuthProvider';
import { can } from '../auth/permissions';
import { Button, ButtonLink } from './Button';

/** A list page's header actions: "Import CSV" (roles that may import) and "New …". */
export function NewRecordActions({ importKind, newLabel, onNew }: { importKind: 'accounts' | 'contacts'; newLabel: string; onNew: () => void }) {
  const { user } = useAuth();
  return (
    <>
      {can(user?.role, 'import') && (
        <ButtonLink to={`/import?kind=${importKind}`} variant="secondary" icon="upload">
          Import CSV
        </ButtonLink>
      )}
      <Button icon="plus" onClick={onNew}>
        {newLabel}
      </Button>
    </>
  );
}
