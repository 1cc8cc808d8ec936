import { Injectable, Logger } from '@nestjs/common';
import { RowIdentity, UndecryptableFieldError } from './encrypted-fields.cipher';
import { DecryptionError, FieldCipher, fieldAad } from './field.cipher';

/**
 * Copies of records that the machinery keeps (event payloads, webhook bodies, what a receiver
 * answered): encrypted at rest, opened only to handle an event, send a delivery or show the
 * delivery log. Registered in encrypted-columns.config.ts as owner-managed, so the key-rotation job
 * re-encrypts them and encrypts rows written before encryption; CHECK constraints refuse a
 * plain value in any new or updated row.
 */
export const SEALED = {
  eventPayload: { table: 'outbox_events', column: 'payload' },
  deliveryBody: { table: 'webhook_deliveries', column: 'body' },
  attemptResponse: { table: 'webhook_delivery_attempts', column: 'response_excerpt' },
} as const;

export type SealedColumn = (typeof SEALED)[keyof typeof SEALED];

/**
 * Seals (always encrypts, whatever the text looks like) and opens values of the SEALED
 * columns, bound to (table, organization_id, id, column): a value copied to another row, or
 * another column, does not open. A value written before encryption (no `enc:v1:` prefix, still
 * waiting for the key-rotation job) is returned as it is.
 */
@Injectable()
export class SealedColumns {
  private readonly logger = new Logger('SealedColumns');

  constructor(private readonly cipher: FieldCipher) {}

  seal(column: SealedColumn, identity: RowIdentity, plaintext: string): string {
    return this.cipher.encrypt(plaintext, fieldAad(column.table, identity.organizationId, identity.id, column.column));
  }

  /** The plain text; a value that does not decrypt is logged and refused (UndecryptableFieldError). */
  open(column: SealedColumn, identity: RowIdentity, stored: string): string {
    if (!FieldCipher.isCiphertext(stored)) return stored;
    try {
      return this.cipher.decrypt(stored, fieldAad(column.table, identity.organizationId, identity.id, column.column));
    } catch (e) {
      if (!(e instanceof DecryptionError)) throw e;
      this.logger.error(`${column.table}.${column.column} of row ${identity.organizationId}/${identity.id}: ${e.message}`);
      throw new UndecryptableFieldError();
    }
  }

  sealNullable(column: SealedColumn, identity: RowIdentity, plaintext: string | null): string | null {
    return plaintext === null ? null : this.seal(column, identity, plaintext);
  }

  openNullable(column: SealedColumn, identity: RowIdentity, stored: string | null): string | null {
    return stored === null ? null : this.open(column, identity, stored);
  }

  /** An event payload as stored: JSON text, sealed. */
  sealJson(column: SealedColumn, identity: RowIdentity, value: unknown): string {
    return this.seal(column, identity, JSON.stringify(value));
  }

  openJson<T = Record<string, unknown>>(column: SealedColumn, identity: RowIdentity, stored: string): T {
    return JSON.parse(this.open(column, identity, stored)) as T;
  }
}
