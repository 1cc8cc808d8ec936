import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Env, RequestContext } from '@clockwork/server-core';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { EmailIngestService } from './email-ingest.service';
import { EmailInboxService, inboxPrincipal } from './email-inbox.service';
import { parseMimeEmail } from './mime-email.parser';

type SmtpError = Error & { responseCode?: number };
const smtpError = (message: string, responseCode: number): SmtpError => Object.assign(new Error(message), { responseCode });

/**
 * The worker's inbound SMTP listener (on only when SMTP_LISTEN_PORT is set): accepts mail for
 * the organizations' inbound addresses `<token>@<INBOUND_MAIL_DOMAIN>` only (any other
 * recipient: 550), up to SMTP_LISTEN_MAX_BYTES (552 beyond), parses it with mailparser and logs
 * it once per organization addressed. No authentication: it is the MX of the inbound domain,
 * and what it accepts is bound to unguessable tokens.
 */
@Injectable()
export class SmtpListenerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SmtpListener');
  private server: SMTPServer | null = null;

  constructor(
    private readonly env: Env,
    private readonly inbox: EmailInboxService,
    private readonly ingest: EmailIngestService,
    private readonly context: RequestContext,
  ) {}

  /** The port listened on (e.g. when started on port 0 by a test), or null when off. */
  get port(): number | null {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address?.port ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.SMTP_LISTEN_PORT) return;
    await this.start(this.env.SMTP_LISTEN_PORT, this.env.SMTP_LISTEN_HOST);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async start(port: number, host: string): Promise<void> {
    const domain = this.env.INBOUND_MAIL_DOMAIN.toLowerCase();
    const server = new SMTPServer({
      name: domain,
      banner: 'Clockwork CRM email logging',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: this.env.SMTP_LISTEN_MAX_BYTES,
      logger: false,
      onRcptTo: (address, _session, callback) => {
        this.acceptRecipient(address, domain).then(
          () => callback(),
          (e: Error) => callback(e),
        );
      },
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (e: Error) => callback(e),
        );
      },
    });
    server.on('error', (e) => this.logger.warn(`SMTP listener: ${e.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, host, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`Inbound SMTP listener on ${host}:${this.port} for *@${domain}`);
  }

  private async acceptRecipient(address: SMTPServerAddress, domain: string): Promise<void> {
    const [local, host] = address.address.toLowerCase().split('@');
    if (host !== domain || !(await this.inbox.findByToken(local ?? ''))) throw smtpError('5.1.1 No such inbound address here', 550);
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw smtpError('5.3.4 Message too big for this inbound address', 552);
    const raw = Buffer.concat(chunks);
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
    const email = await parseMimeEmail(raw, envelopeFrom, createHash('sha256').update(raw).digest('hex'));
    const tokens = new Set(session.envelope.rcptTo.map((r) => r.address.toLowerCase().split('@')[0]));
    for (const token of tokens) {
      const inbox = await this.inbox.findByToken(token);
      if (!inbox) continue; // rotated away during the session
      const result = await this.context.runAs(inboxPrincipal(inbox), () => this.ingest.ingest(email, 'smtp'));
      if (result.duplicate) this.logger.log(`Email ${email.messageId} was logged before (${result.id})`);
    }
  }
}
