import { AddressObject, ParsedMail, simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 (smtp-server) that keeps every message it receives, parsed (mailparser). */
export class SmtpSink {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    readonly messages: ParsedMail[],
  ) {}

  static async start(): Promise<SmtpSink> {
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
    return new SmtpSink(server, (server.server.address() as AddressInfo).port, messages);
  }

  /** The addresses a message was sent to (lower case). */
  static recipients(mail: ParsedMail): string[] {
    const to = ([] as AddressObject[]).concat(mail.to ?? []);
    return to.flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
  }

  /** Whether a message was sent to `address`. */
  static sentTo(mail: ParsedMail, address: string): boolean {
    return SmtpSink.recipients(mail).includes(address.toLowerCase());
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
