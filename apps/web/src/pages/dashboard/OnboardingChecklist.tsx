import { Link } from 'react-router-dom';
import { useAuth } from '../../auth/AuthProvider';
import { can, canSee } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Icon } from '../../components/icons';
import { ErrorState, LoadingState } from '../../components/States';
import { stepText } from './onboarding-steps';
import { useDismissOnboarding, useOnboarding } from './onboarding.queries';

/**
 * "Get set up" on the Dashboard, for admins (those who can connect the platform): each step ticks
 * itself off from the organization's data. Gone once every step is done, or once an admin
 * dismissed it (for the whole organization, stored by the api).
 */
export function OnboardingChecklist() {
  const { user } = useAuth();
  const allowed = can(user?.role, 'onboarding') && canSee(user?.role, 'integrations');
  const onboarding = useOnboarding(allowed);
  const dismiss = useDismissOnboarding();
  if (!allowed || onboarding.data?.complete || onboarding.data?.dismissed) return null;

  const steps = onboarding.data?.steps ?? [];
  const done = steps.filter((s) => s.done).length;

  return (
    <Card
      title="Get set up"
      className="mb-6"
      padded={false}
      actions={
        <Button variant="ghost" size="sm" busy={dismiss.isPending} onClick={() => dismiss.mutate()}>
          Dismiss checklist
        </Button>
      }
    >
      {onboarding.isPending ? (
        <LoadingState label="Loading the checklist…" rows={3} />
      ) : onboarding.error ? (
        <ErrorState error={onboarding.error} title="Could not load the checklist" onRetry={() => onboarding.refetch()} />
      ) : (
        <>
          <p className="px-4 pt-3 text-sm text-slate-500 sm:px-5">
            {done} of {steps.length} done
          </p>
          <ol aria-label="Setup steps" className="divide-y divide-slate-100">
            {steps.map((step) => (
              <li key={step.id} className="flex items-start gap-3 px-4 py-3 sm:px-5">
                <span className={`mt-0.5 ${step.done ? 'text-emerald-600' : 'text-slate-300'}`} aria-hidden="true">
                  <Icon name="check" className="size-5" />
                </span>
                <div className="min-w-0 flex-1">
                  <Link to={step.link} className={`text-sm font-medium hover:text-indigo-600 ${step.done ? 'text-slate-500 line-through' : 'text-slate-900'}`}>
                    {stepText[step.id].title}
                  </Link>
                  <span className="sr-only">{step.done ? ', done' : ', to do'}</span>
                  <p className="text-xs text-slate-500">{stepText[step.id].hint}</p>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}
