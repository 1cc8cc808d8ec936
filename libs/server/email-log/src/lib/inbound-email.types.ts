import type { EmailParticipant, LoggedEmailSource } from '@clockwork/shared-entities';

/** One received email, however it arrived (SMTP listener or signed webhook), ready to be logged. */
export interface InboundEmail {
  messageId: string;
  from: EmailParticipant;
  to: EmailParticipant[];
  cc: EmailParticipant[];
  subject: string;
  text: string | null;
  html: string | null;
  sentAt: Date;
  attachments: InboundAttachment[];
}

export interface InboundAttachment {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** What logging one email did. */
export interface IngestResult {
  id: string;
  status: 'matched' | 'unmatched';
  duplicate: boolean;
}

export interface IngestSource {
  source: LoggedEmailSource;
}
