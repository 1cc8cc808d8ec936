import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Env, Mailer } from '@clockwork/server-core';

export interface AccountMail {
  to: { name: string; address: string };
  subject: string;
  text: string;
}

/**
 * Account emails (password reset, invitation, signup verification, notices) through the
 * platform Mailer, the SMTP transport the notification and report emails use.
 * Sends are started, not awaited, by the request that causes them: the answer's timing never
 * tells whether a mail went out. Pending sends are awaited before shutdown (before the Mailer
 * closes its transport). Without SMTP_HOST nothing is sent (the Mailer's log line names the
 * subject, never the address or link).
 */
@Injectable()
export class AccountMailer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AccountMailer.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly env: Env,
    private readonly mailer: Mailer,
  ) {}

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
    await this.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }
}
