import { Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, Env, FieldCipher, fieldAad, RequestContext } from '@clockwork/server-core';
import { newSigningSecret, signingKeyOf, verifyWebhookSignature, WebhookSignatureError, type SignedWebhook } from '@clockwork/server-integrations';
import type { EmailInboxDto, InboundEmailReceiptDto, RotatedEmailInboxDto } from '@clockwork/shared-dto';
import type { EmailInbox } from '@clockwork/shared-entities';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { EmailIngestService } from './email-ingest.service';
import { EmailInboxRepository } from './email-inbox.repository';
import { parseInboundEmail } from './inbound-email.parser';

/** Address tokens: 16 lower-case letters and digits (~80 bits), the local part of the address. */
export const INBOX_TOKEN = /^[a-z0-9]{16}$/;
const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newInboxToken(): string {
  return [...randomBytes(16)].map((b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('');
}

const secretAad = (organizationId: string, id: string) => fieldAad('email_inboxes', organizationId, id, 'signing_secret');

/**
 * The organization's inbound address (made when first asked for; rotated by admins, which also
 * makes a new webhook signing secret, shown once) and the signed inbound-mail webhook.
 */
@Injectable()
export class EmailInboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inboxes: EmailInboxRepository,
    private readonly ingest: EmailIngestService,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
    private readonly env: Env,
  ) {}

  /** The address, made on first use (audited `email_inbox` `create`). */
  async address(): Promise<EmailInboxDto> {
    const own = await this.inboxes.findOwn();
    if (own) return this.toDto(own);
    await this.dataSource.transaction(async (manager) => {
      const id = uuidv7();
      const organizationId = this.context.organizationId;
      const token = newInboxToken();
      if (await this.inboxes.insertOnce(manager, { id, token, signingSecret: this.cipher.encrypt(newSigningSecret(), secretAad(organizationId, id)) })) {
        await this.audit.record(manager, { action: 'create', objectType: 'email_inbox', objectId: id, after: { address: this.addressOf(token) } });
      }
    });
    return this.toDto((await this.inboxes.findOwn()) as EmailInbox);
  }

  /** A new address and webhook secret; the old address stops accepting mail at once (audited `rotate`, one row). */
  rotate(): Promise<RotatedEmailInboxDto> {
    return this.dataSource.transaction(async (manager) => {
      const secret = newSigningSecret();
      const token = newInboxToken();
      const organizationId = this.context.organizationId;
      let before = await this.inboxes.lockOwn(manager);
      if (!before) {
        // First use: the address is made here (another request may just have made it: then it is rotated).
        const id = uuidv7();
        if (await this.inboxes.insertOnce(manager, { id, token, signingSecret: this.cipher.encrypt(secret, secretAad(organizationId, id)) })) {
          await this.audit.record(manager, { action: 'rotate', objectType: 'email_inbox', objectId: id, before: { address: null }, after: { address: this.addressOf(token) } });
          return { ...this.toDto((await this.inboxes.findOwn(manager)) as EmailInbox), webhook_secret: secret };
        }
        before = (await this.inboxes.lockOwn(manager)) as EmailInbox;
      }
      const after = await this.inboxes.updateById(manager, before.id, { token, signingSecret: this.cipher.encrypt(secret, secretAad(organizationId, before.id)), version: before.version + 1 });
      await this.audit.record(manager, { action: 'rotate', objectType: 'email_inbox', objectId: before.id, before: { address: this.addressOf(before.token) }, after: { address: this.addressOf(token) } });
      return { ...this.toDto(after), webhook_secret: secret };
    });
  }

  /** The organization an address token belongs to (null: unknown token). */
  findByToken(token: string): Promise<EmailInbox | null> {
    return INBOX_TOKEN.test(token) ? this.inboxes.findByToken(token) : Promise.resolve(null);
  }

  /**
   * `POST /email-log/inbound/{token}`: verifies the Standard Webhooks signature with the
   * address's secret (401 otherwise, nothing stored), then logs the email as the organization.
   */
  async receive(token: string, webhook: SignedWebhook): Promise<InboundEmailReceiptDto> {
    const inbox = await this.findByToken(token);
    if (!inbox) throw new UnauthorizedException('Unknown inbound address');
    const secret = this.cipher.decrypt(inbox.signingSecret, secretAad(inbox.organizationId, inbox.id));
    try {
      verifyWebhookSignature(webhook, [signingKeyOf(secret)]);
    } catch (e) {
      if (e instanceof WebhookSignatureError) throw new UnauthorizedException(e.message);
      throw e;
    }
    const email = parseInboundEmail(webhook.body);
    return this.context.runAs(inboxPrincipal(inbox), () => this.ingest.ingest(email, 'webhook'));
  }

  addressOf(token: string): string {
    return `${token}@${this.env.INBOUND_MAIL_DOMAIN}`;
  }

  private toDto(inbox: EmailInbox): EmailInboxDto {
    return { address: this.addressOf(inbox.token), token: inbox.token, updated_at: inbox.updatedAt.toISOString() };
  }
}

/** The principal mail is logged as: the organization's inbound address (audit rows say `system`). */
export const inboxPrincipal = (inbox: Pick<EmailInbox, 'organizationId' | 'id'>) => ({ kind: 'integration' as const, id: inbox.id, organizationId: inbox.organizationId, role: 'admin' as const });
