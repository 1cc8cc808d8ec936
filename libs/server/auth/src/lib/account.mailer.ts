import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Env } from '@clockwork/server-core';
import { createTransport, Transporter } from 'nodemailer';

export interface AccountMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

/**
 * Account emails (password reset, invitation, signup verification, notices) through the SMTP
 * server the notification and report emails use (the same SMTP_* settings and nodemailer).
 * Sends are started, not awaited, by the request that causes them: the answer's timing never
 * tells whether a mail went out. Pending sends are awaited at shutdown. Without SMTP_HOST
 * nothing is sent (a log line without the address or link says so).
 */
@Injectable()
export class AccountMailer implements OnApplicationShutdown {
  private readonly logger = new Logger(AccountMailer.name);
  private transport: Transporter | undefined;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly env: Env) {}

  /**
   * `<WEB_APP_URL>/<page>#token=<token>`: the token rides in the fragment, which browsers never
   * send to a server (no web-server or proxy log, no Referer), and the page reads it from there.
   */
  link(page: string, token: string): string {
    return `${this.env.WEB_APP_URL.replace(/\/+$/, '')}/${page}#token=${encodeURIComponent(token)}`;
  }

  /** Runs `work` (which may send mail) after the caller has answered; errors are logged, never thrown. */
  later(what: string, work: () => Promise<void>): void {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((e: Error) => this.logger.error(`${what} failed: ${e.message}`))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  async send(mail: AccountMail): Promise<void> {
    if (!this.env.SMTP_HOST) {
      this.logger.warn(`SMTP_HOST is empty: account email "${mail.subject}" not sent`);
      return;
    }
    this.transport ??= createTransport({
      host: this.env.SMTP_HOST,
      port: this.env.SMTP_PORT,
      secure: this.env.SMTP_SECURE,
      auth: this.env.SMTP_USER ? { user: this.env.SMTP_USER, pass: this.env.SMTP_PASSWORD } : undefined,
    });
    await this.transport.sendMail({ from: this.env.SMTP_FROM, to: mail.to, subject: mail.subject, text: mail.text });
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    this.transport?.close();
  }
}
