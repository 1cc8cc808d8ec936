import type { DealDto } from '@clockwork/api-client';
import type { FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/errors';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { FormError, formValues } from '../../components/Form';
import { BillingModelFields, billingModelBody } from './billing-model-fields';
import { useSetBillingModel } from './deals.queries';

/**
 * How a deal bills, changed on its page: hourly, fixed fee (milestones) or retainer with its
 * terms (docs/billing-models.md). The api's 400 is shown beside the field it names.
 */
export function DealBillingModelCard({ deal }: { deal: DealDto }) {
  const save = useSetBillingModel(deal);
  const errors = fieldErrorsOf(save.error);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate(billingModelBody(formValues(e.currentTarget)));
  };
  return (
    <Card title="Billing">
      <form onSubmit={submit} aria-label="Billing model" className="space-y-4" noValidate>
        <BillingModelFields errors={errors} deal={deal} />
        <FormError error={save.error} />
        <div className="flex justify-end">
          <Button type="submit" size="sm" busy={save.isPending}>
            Save billing model
          </Button>
        </div>
      </form>
    </Card>
  );
}
