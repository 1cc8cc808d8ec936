import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 for the api under test to mail to; keeps every message, parsed. */
export interface MailSink {
  port: number;
  messages: ParsedMail[];
  stop: () => Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.server.address() as AddressInfo).port, messages, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Whether a message was sent to `address`. */
export function sentTo(mail: ParsedMail, address: string): boolean {
  const to = ([] as { value: { address?: string }[] }[]).concat(mail.to ?? []);
  return to.some((a) => a.value.some((v) => (v.address ?? '').toLowerCase() === address.toLowerCase()));
}
