import { Placeholder } from '../../components/Placeholder';

export function IntegrationsPage() {
  return (
    <Placeholder
      title="Integrations"
      icon="integrations"
      description="The productivity backend, webhook subscriptions and their deliveries."
      planned={['Connect the productivity backend (signing secret shown once)', 'Webhook subscriptions per event', 'Delivery log with status and timing', 'Redeliver a failed delivery']}
    />
  );
}
