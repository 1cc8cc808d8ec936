import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { useUrlFilters } from '../../lib/url-filters';
import { AccountingPanel } from './AccountingPanel';
import { ConnectionsPanel } from './ConnectionsPanel';
import { WebhooksPanel } from './WebhooksPanel';

const KEYS = ['tab', 'accounting', 'accounting_error'] as const;
const TABS = ['webhooks', 'accounting'];

export function IntegrationsPage() {
  const { values, setFilters } = useUrlFilters(KEYS);
  // The accounting provider's redirect back lands here with `accounting` or `accounting_error`.
  const tab = TABS.includes(values.tab) ? values.tab : values.accounting || values.accounting_error ? 'accounting' : 'productivity';
  return (
    <>
      <PageHeader title="Integrations" description="The productivity backend that sends time, the endpoints that receive your events, and your accounting system." />
      <div className="mb-4">
        <Tabs
          label="Integration kinds"
          value={tab}
          onChange={(t) => setFilters({ tab: t === 'productivity' ? '' : t, accounting: '', accounting_error: '' })}
          tabs={[
            { value: 'productivity', label: 'Productivity backend' },
            { value: 'webhooks', label: 'Webhook subscriptions' },
            { value: 'accounting', label: 'Accounting' },
          ]}
        />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">{tab === 'productivity' ? <ConnectionsPanel /> : tab === 'webhooks' ? <WebhooksPanel /> : <AccountingPanel outcome={values.accounting} error={values.accounting_error} />}</div>
    </>
  );
}
