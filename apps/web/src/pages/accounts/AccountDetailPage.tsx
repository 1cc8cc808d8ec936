import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { can } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Card, DetailList } from '../../components/Card';
import { Modal } from '../../components/Modal';
import { PageHeader } from '../../components/PageHeader';
import { AttachmentsPanel } from '../../components/records/AttachmentsPanel';
import { CustomFieldsCard } from '../../components/records/CustomFieldsCard';
import { ActivitiesPanel } from '../../components/records/ActivitiesPanel';
import { NotesPanel } from '../../components/records/NotesPanel';
import { TimelinePanel } from '../../components/records/TimelinePanel';
import { EmptyState, RecordPageState } from '../../components/States';
import { QueryCard } from '../../components/QueryCard';
import { contactName, formatDate, formatHours } from '../../lib/format';
import { ContactForm } from '../contacts/ContactForm';
import { useContactsOfAccount } from '../contacts/contacts.queries';
import { DealForm } from '../deals/DealForm';
import { DealList } from '../deals/DealList';
import { DealRetainerCard } from '../deals/DealRetainerCard';
import { useDealsOfAccount } from '../deals/deals.queries';
import { AccountChurnRiskCard } from '../insights/ChurnRisk';
import { LiveMarginCard } from '../reports/LiveMarginCard';
import { useTimeEntriesOfAccount } from '../time-entries/time-entries.queries';
import { AccountForm } from './AccountForm';
import { useAccount } from './accounts.queries';

type Dialog = 'edit' | 'contact' | 'deal' | null;

export function AccountDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { nameOf } = useUsers();
  const { user } = useAuth();
  const [dialog, setDialog] = useState<Dialog>(null);
  const account = useAccount(id);
  const contacts = useContactsOfAccount(id);
  const deals = useDealsOfAccount(id);
  const time = useTimeEntriesOfAccount(id);

  if (account.isPending || account.error) return <RecordPageState query={account} noun="account" />;
  const a = account.data;
  const seconds = (time.data?.data ?? []).reduce((s, e) => s + e.duration_seconds, 0);
  const billable = (time.data?.data ?? []).filter((e) => e.billable).reduce((s, e) => s + e.duration_seconds, 0);

  return (
    <>
      <PageHeader
        title={a.name}
        back={{ to: '/accounts', label: 'Accounts' }}
        meta={
          <>
            {a.industry && <Badge tone="accent">{a.industry}</Badge>}
            {a.domain && <span className="text-sm text-slate-500">{a.domain}</span>}
          </>
        }
        actions={
          <>
            <Button variant="secondary" icon="contacts" onClick={() => setDialog('contact')}>
              Add contact
            </Button>
            <Button variant="secondary" icon="deals" onClick={() => setDialog('deal')}>
              Add deal
            </Button>
            <Button variant="secondary" onClick={() => setDialog('edit')}>
              Edit
            </Button>
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Details">
            <DetailList
              items={[
                ['Website', a.website && <a href={a.website} target="_blank" rel="noreferrer" className="text-indigo-600 hover:underline">{a.website}</a>],
                ['Phone', a.phone],
                ['Address', a.address],
                ['Owner', nameOf(a.owner_id)],
                ['Created', formatDate(a.created_at)],
                ['Updated', formatDate(a.updated_at)],
              ]}
            />
          </Card>
          <CustomFieldsCard key={a.version} record={{ type: 'account', id: a.id, version: a.version }} values={a.custom_fields ?? {}} />
          <QueryCard title={`Contacts${contacts.data ? ` · ${contacts.data.data.length}` : ''}`} query={contacts} isEmpty={(contacts.data?.data ?? []).length === 0} empty={<EmptyState icon="contacts" title="No contacts at this account" action={<Button size="sm" variant="secondary" icon="plus" onClick={() => setDialog('contact')}>Add contact</Button>} />}>
            <ul className="divide-y divide-slate-100">
              {(contacts.data?.data ?? []).map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-3 px-4 py-3 sm:px-5">
                  <Link to={`/contacts/${c.id}`} className="min-w-0 truncate text-sm font-medium text-slate-900 hover:text-indigo-600">
                    {contactName(c)}
                  </Link>
                  <span className="truncate text-xs text-slate-500">{[c.job_title, c.email].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          </QueryCard>
          <Card title={`Deals${deals.data ? ` · ${deals.data.data.length}` : ''}`} padded={false}>
            <DealList deals={deals} emptyTitle="No deals with this account" emptyAction={<Button size="sm" variant="secondary" icon="plus" onClick={() => setDialog('deal')}>Add deal</Button>} />
          </Card>
          <ActivitiesPanel parent={{ type: 'account', id }} />
          <NotesPanel parent={{ type: 'account', id }} />
        </div>
        <div className="min-w-0 space-y-6">
          <Card title={can(user?.role, 'all-time') ? 'Time logged' : 'My time logged'}>
            <p className="text-2xl font-semibold text-slate-900 tabular-nums">{formatHours(seconds)}</p>
            <p className="mt-1 text-xs text-slate-500">
              {formatHours(billable)} billable · {(time.data?.data ?? []).length} entries
            </p>
            <Link to={`/time-entries?account_id=${id}`} className="mt-3 inline-block text-xs font-semibold text-indigo-600 hover:text-indigo-500">
              See the entries
            </Link>
          </Card>
          <LiveMarginCard of={{ account_id: id }} />
          <AccountChurnRiskCard accountId={id} />
          {(deals.data?.data ?? [])
            .filter((d) => d.billing_model === 'retainer')
            .map((d) => (
              <DealRetainerCard key={d.id} deal={d} title={`${d.name}: retainer this month`} />
            ))}
          <AttachmentsPanel parent={{ type: 'account', id }} />
          <TimelinePanel parent={{ type: 'account', id }} />
        </div>
      </div>
      {dialog === 'edit' && (
        <Modal title="Edit account" onClose={() => setDialog(null)} wide>
          <AccountForm account={a} onDone={() => setDialog(null)} />
        </Modal>
      )}
      {dialog === 'contact' && (
        <Modal title={`New contact at ${a.name}`} onClose={() => setDialog(null)} wide>
          <ContactForm accountId={id} onDone={() => setDialog(null)} />
        </Modal>
      )}
      {dialog === 'deal' && (
        <Modal title={`New deal with ${a.name}`} onClose={() => setDialog(null)} wide>
          <DealForm accountId={id} onDone={(d) => navigate(`/deals/${d.id}`)} />
        </Modal>
      )}
    </>
  );
}
