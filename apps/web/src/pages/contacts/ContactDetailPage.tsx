import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useAccountOptions, useUsers } from '../../api/lookups';
import { useAuth } from '../../auth/AuthProvider';
import { canSee } from '../../auth/permissions';
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
import { contactName, formatDate } from '../../lib/format';
import { DealList } from '../deals/DealList';
import { useDealsOfAccount } from '../deals/deals.queries';
import { ContactForm } from './ContactForm';
import { useContact } from './contacts.queries';

export function ContactDetailPage() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  const { nameOf } = useUsers();
  const accounts = useAccountOptions();
  const [editing, setEditing] = useState(false);
  const contact = useContact(id);
  const accountId = contact.data?.account_id ?? null;
  const seesDeals = canSee(user?.role, 'deals');
  const deals = useDealsOfAccount(accountId, seesDeals);

  if (contact.isPending || contact.error) return <RecordPageState query={contact} noun="contact" />;
  const c = contact.data;
  const accountName = accounts.nameOf(c.account_id);

  return (
    <>
      <PageHeader
        title={contactName(c)}
        back={{ to: '/contacts', label: 'Contacts' }}
        meta={
          <>
            {c.job_title && <span className="text-sm text-slate-500">{c.job_title}</span>}
            {c.tags.map((t) => (
              <Badge key={t}>{t}</Badge>
            ))}
          </>
        }
        actions={
          <Button variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card title="Details">
            <DetailList
              items={[
                ['Email', c.email && <a href={`mailto:${c.email}`} className="text-indigo-600 hover:underline">{c.email}</a>],
                ['Phone', c.phone],
                ['Account', c.account_id && (accountName ? <Link to={`/accounts/${c.account_id}`} className="text-indigo-600 hover:underline">{accountName}</Link> : 'An account')],
                ['Owner', nameOf(c.owner_id)],
                ['Created', formatDate(c.created_at)],
                ['Updated', formatDate(c.updated_at)],
              ]}
            />
          </Card>
          <CustomFieldsCard key={c.version} record={{ type: 'contact', id: c.id, version: c.version }} values={c.custom_fields ?? {}} />
          {seesDeals && (
            <Card title="Deals with their account" padded={false}>
              {!accountId ? (
                <EmptyState icon="deals" title="Not linked to an account">
                  Link this contact to an account to see its deals.
                </EmptyState>
              ) : (
                <DealList deals={deals} emptyTitle="No deals yet" />
              )}
            </Card>
          )}
          <ActivitiesPanel parent={{ type: 'contact', id }} />
          <NotesPanel parent={{ type: 'contact', id }} />
        </div>
        <div className="min-w-0 space-y-6">
          <AttachmentsPanel parent={{ type: 'contact', id }} />
          <TimelinePanel parent={{ type: 'contact', id }} />
        </div>
      </div>
      {editing && (
        <Modal title="Edit contact" onClose={() => setEditing(false)} wide>
          <ContactForm contact={c} onDone={() => setEditing(false)} />
        </Modal>
      )}
    </>
  );
}
