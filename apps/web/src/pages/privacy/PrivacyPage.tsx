import { Card } from '../../components/Card';
import { PageHeader } from '../../components/PageHeader';
import { RetentionPanel } from '../settings/RetentionPanel';
import { GdprRequests } from './GdprRequests';

/** Admins answer data-subject requests (export, erasure) and set how long records are kept. */
export function PrivacyPage() {
  return (
    <>
      <PageHeader title="Privacy" description="Answer data subject requests: export a contact's or an employee's data, or erase it. Set how long records are kept." />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Data subject requests">
          <GdprRequests />
        </Card>
        <Card title="Data retention" padded={false}>
          <RetentionPanel />
        </Card>
      </div>
    </>
  );
}
