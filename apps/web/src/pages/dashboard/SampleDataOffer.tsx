import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorState } from '../../components/States';
import { useDemoDataStatus, useLoadDemoData } from './onboarding.queries';

/**
 * "Load sample data" for the admin of an empty organization: a small agency's accounts, deals,
 * tasks, weeks of time entries and an issued invoice, written by the api's own services. Not shown
 * once the organization has records, or where the server does not offer sample data.
 */
export function SampleDataOffer() {
  const { user } = useAuth();
  const allowed = can(user?.role, 'demo-data');
  const status = useDemoDataStatus(allowed);
  const load = useLoadDemoData();
  if (!allowed || status.isPending || status.data?.status !== 'available') {
    return status.error ? <ErrorState error={status.error} title="Could not check for sample data" onRetry={() => status.refetch()} /> : null;
  }
  return (
    <Card className="mb-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center">
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900">Try Clockwork with sample data</h2>
          <p className="mt-1 text-sm text-slate-500">Fill this empty organization with a small agency's accounts, contacts, deals, tasks, four weeks of time entries and an issued invoice.</p>
        </div>
        <Button icon="download" busy={load.isPending} onClick={() => load.mutate()}>
          Load sample data
        </Button>
      </div>
    </Card>
  );
}
