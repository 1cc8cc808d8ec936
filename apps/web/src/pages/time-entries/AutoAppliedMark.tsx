import type { TimeEntryDto } from '@clockwork/api-client';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { useUndoAutoApplied } from './time-entries.queries';

/** The mapping rule of an entry mapped by an auto-applied suggestion (docs/insights.md, "Auto-apply"). */
export const AUTO_APPLIED_RULE = 'suggestion';

/** Marks an auto-applied entry; reviewers may undo it (the entry goes back into the review queue). */
export function AutoAppliedMark({ entry }: { entry: TimeEntryDto }) {
  const { user } = useAuth();
  const undo = useUndoAutoApplied();
  if (entry.mapping_rule !== AUTO_APPLIED_RULE) return null;
  return (
    <>
      <Badge tone="warning">Auto-applied</Badge>
      {can(user?.role, 'review-time') && (
        <Button size="sm" variant="secondary" busy={undo.isPending} onClick={() => undo.mutate(entry)} aria-label={`Undo the auto-applied deal of ${entry.project_name ?? 'this entry'}`}>
          Undo
        </Button>
      )}
    </>
  );
}
