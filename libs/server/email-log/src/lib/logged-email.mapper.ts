import { EMAIL_SNIPPET_CHARS, type LoggedEmailAttachmentDto, type LoggedEmailDto, type LoggedEmailSummaryDto } from '@clockwork/shared-dto';
import type { EmailParticipant, LoggedEmail, LoggedEmailAttachment } from '@clockwork/shared-entities';
import type { EmailLinks } from './logged-emails.repository';

const participant = (p: EmailParticipant) => ({ address: p.address, name: p.name ?? null });

/** The wire shape of a logged email without its body (lists, review, events, audit). */
export function toLoggedEmailSummaryDto(e: LoggedEmail): LoggedEmailSummaryDto {
  return {
    id: e.id,
    message_id: e.messageId,
    source: e.source,
    status: e.status,
    subject: e.subject,
    snippet: e.snippet,
    from: participant({ address: e.fromAddress, name: e.fromName }),
    to: e.toAddresses.map(participant),
    cc: e.ccAddresses.map(participant),
    sent_at: e.sentAt.toISOString(),
    created_at: e.createdAt.toISOString(),
  };
}

export function toLoggedEmailAttachmentDto(a: LoggedEmailAttachment): LoggedEmailAttachmentDto {
  return { id: a.id, file_name: a.fileName, content_type: a.contentType, size_bytes: a.sizeBytes };
}

/** The whole email: bodies (decrypted on load), attachments and links. */
export function toLoggedEmailDto(e: LoggedEmail, attachments: LoggedEmailAttachment[], links: EmailLinks): LoggedEmailDto {
  return {
    ...toLoggedEmailSummaryDto(e),
    body_text: e.bodyText,
    body_html: e.bodyHtml,
    attachments: attachments.map(toLoggedEmailAttachmentDto),
    contact_ids: links.contactIds,
    account_ids: links.accountIds,
    deal_ids: links.dealIds,
  };
}

/** The first characters of the text body (or of the HTML's text), whitespace collapsed. */
export function snippetOf(text: string | null, html: string | null): string {
  const source = text ?? (html ? html.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]*>/g, ' ') : '');
  return [...source.replace(/\s+/g, ' ').trim()].slice(0, EMAIL_SNIPPET_CHARS).join('');
}
