import { useState } from 'react';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Button } from '../../components/Button';
import { useConfirm } from '../../components/ConfirmDialog';
import { QueryState } from '../../components/States';
import { useInboundAddress, useRotateAddress } from '../email-log/email-log.queries';
import { CopyField } from './SsoPanel';

/** The organization's inbound address (BCC or forward mail to it), with copy; admins rotate it (and get the webhook secret once). */
export function EmailLogPanel() {
  const { user } = useAuth();
  const address = useInboundAddress();
  const rotate = useRotateAddress();
  const { ask, dialog } = useConfirm();
  const [secret, setSecret] = useState<string | null>(null);
  const mayRotate = can(user?.role, 'rotate-inbound-address');
  return (
    <div className="space-y-4 p-4 sm:p-5">
      <div>
        <h2 className="text-base font-semibold text-slate-900">Email logging</h2>
        <p className="mt-1 text-sm text-slate-600">
          BCC or forward mail to this address: it shows on the timelines of the contacts who sent or received it, their accounts and open deals. Mail that matches no contact waits under Unmatched emails.
        </p>
      </div>
      <QueryState query={address}>
        {address.data && <CopyField label="Inbound address" value={address.data.address} hint="Anyone with this address can log mail into your organization: rotate it if it leaks." />}
      </QueryState>
      {mayRotate && (
        <div className="space-y-3">
          <Button
            variant="secondary"
            icon="refresh"
            busy={rotate.isPending}
            onClick={() =>
              ask({
                title: 'Rotate the inbound address?',
                message: 'A new address and inbound-webhook secret are made; mail sent to the old address is refused from now on.',
                confirmLabel: 'Rotate',
                onConfirm: () => rotate.mutate(undefined, { onSuccess: (r) => setSecret(r.webhook_secret) }),
              })
            }
          >
            Rotate address
          </Button>
          {secret && <CopyField label="Inbound webhook secret" value={secret} hint="For a mail provider's inbound webhook (docs/email-logging.md). Shown only now: copy it." />}
        </div>
      )}
      {dialog}
    </div>
  );
}
