import { Injectable } from '@nestjs/common';
import { fieldAad, FieldCipher } from '@clockwork/server-core';

type SecretColumn = 'secret' | 'previous_secret';

/** Subscription secrets at rest: FieldCipher, each ciphertext bound to its row and column. */
@Injectable()
export class SecretBox {
  constructor(private readonly cipher: FieldCipher) {}

  seal(organizationId: string, subscriptionId: string, column: SecretColumn, secret: string): string {
    return this.cipher.encrypt(secret, fieldAad('webhook_subscriptions', organizationId, subscriptionId, column));
  }

  open(organizationId: string, subscriptionId: string, column: SecretColumn, ciphertext: string): string {
    return this.cipher.decrypt(ciphertext, fieldAad('webhook_subscriptions', organizationId, subscriptionId, column));
  }

  /** The secrets a delivery is signed with now: the current one, and the previous one during the rotation overlap. */
  signingSecrets(s: { organization_id: string; subscription_id: string; secret: string; previous_secret: string | null; previous_secret_expires_at: Date | null }, now = new Date()): string[] {
    const secrets = [this.open(s.organization_id, s.subscription_id, 'secret', s.secret)];
    if (s.previous_secret && s.previous_secret_expires_at && new Date(s.previous_secret_expires_at) > now) {
      secrets.push(this.open(s.organization_id, s.subscription_id, 'previous_secret', s.previous_secret));
    }
    return secrets;
  }
}
