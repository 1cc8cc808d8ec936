import { AuditWriter, FileStorage, OutboxWriter } from '@clockwork/server-core';
import { newTestService } from '@clockwork/server-core/testing';
import type { LoggedEmail } from '@clockwork/shared-entities';
import { EmailIngestService } from './email-ingest.service';
import type { InboundEmail } from './inbound-email.types';
import { LoggedEmailsRepository } from './logged-emails.repository';

const email = (over: Partial<InboundEmail> = {}): InboundEmail => ({
  messageId: '<m1@x.test>',
  from: { address: 'ada@acme.test', name: 'Ada' },
  to: [{ address: 'tok3n0000000000a@inbound.example.test', name: null }],
  cc: [{ address: 'Bob@Acme.test', name: null }],
  subject: 'Hi',
  text: 'Hello   there\n\nAda',
  html: null,
  sentAt: new Date('2026-05-01T10:00:00Z'),
  attachments: [],
  ...over,
});

const stored = (values: Partial<LoggedEmail>) =>
  ({ id: 'e1', organizationId: 'o1', createdAt: new Date(0), updatedAt: new Date(0), toAddresses: [], ccAddresses: [], fromName: null, ...values }) as LoggedEmail;

function setup(contactIds: string[]) {
  const { sut, mock } = newTestService(EmailIngestService, { env: { INBOUND_MAIL_DOMAIN: 'inbound.example.test' } });
  const emails = mock(LoggedEmailsRepository);
  emails.findByMessageId.mockResolvedValue(null);
  emails.match.mockResolvedValue({ contactIds, accountIds: contactIds.length ? ['acc1'] : [], dealIds: [] });
  emails.insert.mockImplementation(async (_m, values) => stored(values as Partial<LoggedEmail>));
  return { sut, emails, audit: mock(AuditWriter), outbox: mock(OutboxWriter), storage: mock(FileStorage) };
}

describe('EmailIngestService', () => {
  it('matches on the sender and every recipient but the inbound addresses, lower-cased', async () => {
    const { sut, emails } = setup(['c1']);
    await sut.ingest(email(), 'smtp');
    expect(emails.match.mock.calls[0][1]).toEqual(['ada@acme.test', 'bob@acme.test']);
  });

  it('stores a matched email with its snippet, links it and records email.logged then email.matched', async () => {
    const { sut, emails, audit, outbox } = setup(['c1']);
    await expect(sut.ingest(email(), 'smtp')).resolves.toEqual({ id: 'e1', status: 'matched', duplicate: false });
    expect(emails.insert.mock.calls[0][1]).toMatchObject({ status: 'matched', snippet: 'Hello there Ada', bodyText: 'Hello   there\n\nAda', source: 'smtp' });
    expect(emails.link.mock.calls[0][2]).toEqual({ contactIds: ['c1'], accountIds: ['acc1'], dealIds: [] });
    expect(outbox.record.mock.calls.map((c) => c[1].type)).toEqual(['email.logged', 'email.matched']);
    // Neither the event nor the audit row carries the body (the event has the snippet timelines show).
    expect(JSON.stringify([outbox.record.mock.calls, audit.record.mock.calls])).not.toContain('Hello   there');
    expect(JSON.stringify(audit.record.mock.calls)).not.toContain('Hello');
    expect(audit.record.mock.calls[0][1]).toMatchObject({ action: 'create', objectType: 'logged_email', actor: { type: 'system', id: null } });
  });

  it('leaves an email no contact matches unmatched, without links', async () => {
    const { sut, emails, outbox } = setup([]);
    await expect(sut.ingest(email(), 'webhook')).resolves.toMatchObject({ status: 'unmatched', duplicate: false });
    expect(emails.link).not.toHaveBeenCalled();
    expect(outbox.record.mock.calls.map((c) => c[1].type)).toEqual(['email.logged']);
  });

  it('answers a Message-ID logged before as a duplicate and writes nothing', async () => {
    const { sut, emails, audit, storage } = setup(['c1']);
    emails.findByMessageId.mockResolvedValue(stored({ id: 'old', status: 'unmatched' }));
    await expect(sut.ingest(email({ attachments: [{ fileName: 'a.txt', contentType: 'text/plain', content: Buffer.from('a') }] }), 'smtp')).resolves.toEqual({ id: 'old', status: 'unmatched', duplicate: true });
    expect(emails.insert).not.toHaveBeenCalled();
    expect(storage.put).not.toHaveBeenCalled();
    expect(audit.record).not.toHaveBeenCalled();
  });
});
