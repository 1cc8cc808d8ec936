import type { EmailParticipant } from '@clockwork/shared-entities';
import { MAX_EMAIL_ATTACHMENTS, MAX_EMAIL_RECIPIENTS } from '@clockwork/shared-dto';
import { type AddressObject, simpleParser } from 'mailparser';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { InboundEmail } from './inbound-email.types';

/** The mailbox addresses of a header (groups flattened), trimmed and lower-cased. */
function participantsOf(header: AddressObject | AddressObject[] | undefined): EmailParticipant[] {
  const objects = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const out: EmailParticipant[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address) out.push({ address: entry.address.trim().toLowerCase(), name: entry.name?.trim() || null });
    }
  };
  for (const o of objects) visit(o.value);
  return out;
}

/**
 * An RFC 5322 message (as the SMTP listener received it) parsed with mailparser. The envelope
 * sender stands in for a missing From; a message without a Message-ID gets one derived from
 * its bytes' hash, so the same message sent twice is still stored once.
 */
export async function parseMimeEmail(source: Buffer | Readable, envelopeFrom: string | null, rawHash?: string): Promise<InboundEmail> {
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  const from = participantsOf(mail.from)[0] ?? { address: (envelopeFrom ?? 'unknown@invalid').toLowerCase(), name: null };
  const messageId = mail.messageId?.trim() || `<sha256-${rawHash ?? createHash('sha256').update(`${from.address}\n${mail.subject ?? ''}\n${mail.text ?? ''}`).digest('hex')}@clockwork.generated>`;
  return {
    messageId,
    from,
    to: participantsOf(mail.to).slice(0, MAX_EMAIL_RECIPIENTS),
    cc: participantsOf(mail.cc).slice(0, MAX_EMAIL_RECIPIENTS),
    subject: mail.subject?.trim() ?? '',
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : new Date(),
    attachments: mail.attachments.slice(0, MAX_EMAIL_ATTACHMENTS).map((a, i) => ({ fileName: a.filename?.trim() || `attachment-${i + 1}`, contentType: a.contentType || 'application/octet-stream', content: a.content })),
  };
}
