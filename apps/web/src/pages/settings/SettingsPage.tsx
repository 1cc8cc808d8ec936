import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { useUrlFilters } from '../../lib/url-filters';
import { ApiKeysPanel } from './ApiKeysPanel';
import { RatesPanel } from './RatesPanel';
import { RetentionPanel } from './RetentionPanel';
import { UsersPanel } from './UsersPanel';

const KEYS = ['tab'] as const;
const panels = { users: <UsersPanel />, 'api-keys': <ApiKeysPanel />, rates: <RatesPanel />, retention: <RetentionPanel /> };

export function SettingsPage() {
  const { user, session } = useAuth();
  const { values, setFilters } = useUrlFilters(KEYS);
  const keysAllowed = can(user?.role, 'manage-api-keys');
  const retentionAllowed = can(user?.role, 'retention');
  const tab = values.tab === 'api-keys' && keysAllowed ? 'api-keys' : values.tab === 'retention' && retentionAllowed ? 'retention' : values.tab === 'rates' ? 'rates' : 'users';
  return (
    <>
      <PageHeader title="Settings" description={`Users, roles, API keys, rates and data retention of ${session?.organization.name ?? 'your organization'}.`} />
      <div className="mb-4">
        <Tabs
          label="Settings sections"
          value={tab}
          onChange={(t) => setFilters({ tab: t === 'users' ? '' : t })}
          tabs={[
            { value: 'users', label: 'Users and roles' },
            ...(keysAllowed ? [{ value: 'api-keys' as const, label: 'API keys' }] : []),
            { value: 'rates', label: 'Hourly rates' },
            ...(retentionAllowed ? [{ value: 'retention' as const, label: 'Data retention' }] : []),
          ]}
        />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">{panels[tab]}</div>
    </>
  );
}
