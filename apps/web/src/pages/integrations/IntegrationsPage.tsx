import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { useUrlFilters } from '../../lib/url-filters';
import { ConnectionsPanel } from './ConnectionsPanel';
import { WebhooksPanel } from './WebhooksPanel';

const KEYS = ['tab'] as const;

export function IntegrationsPage() {
  const { values, setFilters } = useUrlFilters(KEYS);
  const tab = values.tab === 'webhooks' ? 'webhooks' : 'productivity';
  return (
    <>
      <PageHeader title="Integrations" description="The productivity backend that sends time, and the endpoints that receive your events." />
      <div className="mb-4">
        <Tabs
          label="Integration kinds"
          value={tab}
          onChange={(t) => setFilters({ tab: t === 'productivity' ? '' : t })}
          tabs={[
            { value: 'productivity', label: 'Productivity backend' },
            { value: 'webhooks', label: 'Webhook subscriptions' },
          ]}
        />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">{tab === 'productivity' ? <ConnectionsPanel /> : <WebhooksPanel />}</div>
    </>
  );
}
