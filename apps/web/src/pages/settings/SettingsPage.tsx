import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { Tabs } from '../../components/Tabs';
import { useUrlFilters } from '../../lib/url-filters';
import { ApiKeysPanel } from './ApiKeysPanel';
import { AutoApplyPanel } from './AutoApplyPanel';
import { BudgetThresholdsPanel } from './BudgetThresholdsPanel';
import { CostRatesPanel } from './CostRatesPanel';
import { EmailLogPanel } from './EmailLogPanel';
import { CustomFieldsPanel } from './CustomFieldsPanel';
import { ExchangeRatesPanel } from './ExchangeRatesPanel';
import { PipelinesPanel } from './PipelinesPanel';
import { RatesPanel } from './RatesPanel';
import { RetentionPanel } from './RetentionPanel';
import { SsoPanel } from './SsoPanel';
import { TimesheetSettingsPanel } from './TimesheetSettingsPanel';
import { TimeZonePanel } from './TimeZonePanel';
import { UsersPanel } from './UsersPanel';

const KEYS = ['tab'] as const;
const panels = (costs: boolean) => ({ users: <UsersPanel />, 'api-keys': <ApiKeysPanel />, rates: (
    <>
      <RatesPanel />
      <ExchangeRatesPanel />
      {costs && <CostRatesPanel />}
      <BudgetThresholdsPanel />
    </>
  ), retention: <RetentionPanel />, sso: <SsoPanel />, timesheets: <TimesheetSettingsPanel />, organization: (
    <>
      <TimeZonePanel />
      <AutoApplyPanel />
    </>
  ), email: <EmailLogPanel />, pipelines: <PipelinesPanel />, 'custom-fields': <CustomFieldsPanel /> });
type Tab = keyof ReturnType<typeof panels>;

export function SettingsPage() {
  const { user, session } = useAuth();
  const { values, setFilters } = useUrlFilters(KEYS);
  const keysAllowed = can(user?.role, 'manage-api-keys');
  const retentionAllowed = can(user?.role, 'retention');
  const ssoAllowed = can(user?.role, 'sso');
  const timesheetsAllowed = can(user?.role, 'timesheet-settings');
  const organizationAllowed = can(user?.role, 'organization-settings');
  const pipelinesAllowed = can(user?.role, 'manage-pipelines');
  const customFieldsAllowed = can(user?.role, 'manage-custom-fields');
  const shown = panels(can(user?.role, 'cost-and-margin'));
  const allowed: Record<Tab, boolean> = { users: true, 'api-keys': keysAllowed, rates: true, retention: retentionAllowed, sso: ssoAllowed, timesheets: timesheetsAllowed, organization: organizationAllowed, email: true, pipelines: pipelinesAllowed, 'custom-fields': customFieldsAllowed };
  const tab = Object.keys(shown).find((t): t is Tab => t === values.tab && allowed[t as Tab]) ?? 'users';
  return (
    <>
      <PageHeader title="Settings" description={`Users, roles, API keys, rates, data retention, single sign-on, timesheets, time zone, pipelines, custom fields and email logging of ${session?.organization.name ?? 'your organization'}.`} />
      <div className="mb-4">
        <Tabs
          label="Settings sections"
          value={tab}
          onChange={(t) => setFilters({ tab: t === 'users' ? '' : t })}
          tabs={[
            { value: 'users', label: 'Users and roles' },
            ...(keysAllowed ? [{ value: 'api-keys' as const, label: 'API keys' }] : []),
            { value: 'rates', label: 'Rates' },
            ...(retentionAllowed ? [{ value: 'retention' as const, label: 'Data retention' }] : []),
            ...(ssoAllowed ? [{ value: 'sso' as const, label: 'Single sign-on' }] : []),
            ...(timesheetsAllowed ? [{ value: 'timesheets' as const, label: 'Timesheets' }] : []),
            ...(organizationAllowed ? [{ value: 'organization' as const, label: 'Organization' }] : []),
            { value: 'email', label: 'Email logging' },
            ...(pipelinesAllowed ? [{ value: 'pipelines' as const, label: 'Pipelines' }] : []),
            ...(customFieldsAllowed ? [{ value: 'custom-fields' as const, label: 'Custom fields' }] : []),
          ]}
        />
      </div>
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm shadow-slate-900/5">{shown[tab]}</div>
    </>
  );
}
