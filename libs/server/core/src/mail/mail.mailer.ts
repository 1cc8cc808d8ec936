import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { Env } from '../config/environment.config';

/**
 * The one SMTP transport of the process (nodemailer, from the SMTP_* settings), opened on the
 * first send and closed at shutdown. Domains keep only their message text (notification,
 * account and scheduled-report emails) and send through it. Without SMTP_HOST nothing is sent:
 * `send` logs a line (the subject, never the address) and resolves false.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger(Mailer.name);
  private transport: Transporter | undefined;

  constructor(private readonly env: Env) {}

  /** Whether SMTP_HOST is set (without it, nothing is sent). */
  get configured(): boolean {
    return this.env.SMTP_HOST !== '';
  }

  /**
   * Sends one message, from SMTP_FROM unless `from` is given; true once the SMTP server took it,
   * false (with a log line) when SMTP_HOST is empty. A failed send rejects.
   */
  async send(message: SendMailOptions): Promise<boolean> {
    if (!this.configured) {
      this.logger.warn(`SMTP_HOST is empty: email "${String(message.subject ?? '')}" not sent`);
      return false;
    }
    await this.transporter().sendMail({ from: this.env.SMTP_FROM, ...message });
    return true;
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = undefined;
  }

  private transporter(): Transporter {
    this.transport ??= createTransport({
      host: this.env.SMTP_HOST,
      port: this.env.SMTP_PORT,
      secure: this.env.SMTP_SECURE,
      auth: this.env.SMTP_USER ? { user: this.env.SMTP_USER, pass: this.env.SMTP_PASSWORD } : undefined,
    });
    return this.transport;
  }
}
