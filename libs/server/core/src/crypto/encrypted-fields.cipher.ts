import { Injectable, InternalServerErrorException, Logger } from '@nestjs/common';
import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import { Env } from '../config/environment.config';
import { EncryptedColumn, encryptedColumnsOf, normalizeForIndex } from './encrypted-columns.config';
import { BlindIndexKey } from './blind-index.cipher';
import { DecryptionError, FieldCipher, fieldAad } from './field.cipher';

/** The identity a ciphertext is bound to (its AAD). */
export interface RowIdentity {
  organizationId: string;
  id: string;
}

/**
 * A stored value that does not decrypt (tampered, copied from another row, or its key was removed
 * from ENCRYPTION_KEYS). The request fails closed: 500 with a generic message, details in the log
 * only, so a half-readable record is never shown nor written back over the stored value.
 */
export class UndecryptableFieldError extends InternalServerErrorException {
  constructor() {
    super('A stored value could not be decrypted; the error was logged');
  }
}

type Row = Record<string, unknown>;

/**
 * Encrypts and decrypts the registered columns (encrypted-columns.config.ts) of a row. Two shapes: rows
 * keyed by SQL column (`encryptRow`/`decryptRow`, for raw SQL) and entities keyed by property
 * (`encryptEntity`/`decryptEntity`/`forUpdate`, for TypeORM; the subscriber uses these).
 * Values not yet encrypted (rows from before encryption) are read as they are.
 */
@Injectable()
export class EncryptedFields {
  private readonly logger = new Logger('EncryptedFields');
  private readonly indexKey: BlindIndexKey;

  constructor(
    private readonly cipher: FieldCipher,
    env: Env,
  ) {
    this.indexKey = new BlindIndexKey(env);
  }

  /** The id of the key that makes blind indexes (a fingerprint of BLIND_INDEX_KEY); every index starts with it. */
  get indexKeyId(): string {
    return this.indexKey.keyId;
  }

  get currentKeyId(): string {
    return this.cipher.currentKeyId;
  }

  /**
   * `<index key id>:<HMAC>` of the normalized value under the organization's own index key (so
   * one value hashes differently in two organizations); the key id lets the job find stale indexes.
   */
  blindIndex(spec: EncryptedColumn, organizationId: string, value: string): string {
    const purpose = spec.blindIndex?.purpose ?? `${spec.table}.${spec.column}`;
    return this.indexKey.index(organizationId, purpose, normalizeForIndex(value));
  }

  /** The blind index to look a value up by in an organization, e.g. lookupIndex('contacts', 'email', orgId, 'ada@x.test'). */
  lookupIndex(table: string, column: string, organizationId: string, value: string): string {
    const spec = encryptedColumnsOf(table).find((c) => c.column === column && c.blindIndex);
    if (!spec) throw new Error(`${table}.${column} has no blind index`);
    return this.blindIndex(spec, organizationId, value);
  }

  encryptValue(spec: EncryptedColumn, identity: RowIdentity, value: string): string {
    return FieldCipher.isCiphertext(value) ? value : this.cipher.encrypt(value, fieldAad(spec.table, identity.organizationId, identity.id, spec.column));
  }

  decryptValue(spec: EncryptedColumn, identity: RowIdentity, value: string): string {
    if (!FieldCipher.isCiphertext(value)) return value;
    try {
      return this.cipher.decrypt(value, fieldAad(spec.table, identity.organizationId, identity.id, spec.column));
    } catch (e) {
      if (!(e instanceof DecryptionError)) throw e;
      this.logger.error(`${spec.table}.${spec.column} of row ${identity.organizationId}/${identity.id}: ${e.message}`);
      throw new UndecryptableFieldError();
    }
  }

  /** A row keyed by SQL column (organization_id and id included), its registered columns encrypted and blind-indexed. */
  encryptRow<T extends Row>(table: string, row: T): T {
    const out: Row = { ...row };
    const identity = sqlIdentity(table, row);
    for (const spec of managed(table)) {
      if (!(spec.column in row)) continue;
      const value = row[spec.column];
      if (spec.blindIndex) out[spec.blindIndex.column] = typeof value === 'string' ? this.blindIndex(spec, identity.organizationId, value) : null;
      if (typeof value === 'string' && (!spec.onlyWhen || row[spec.onlyWhen] === true)) out[spec.column] = this.encryptValue(spec, identity, value);
    }
    return out as T;
  }

  /** A row keyed by SQL column, its registered columns decrypted. */
  decryptRow<T extends Row>(table: string, row: T): T {
    const out: Row = { ...row };
    for (const spec of managed(table)) {
      const value = row[spec.column];
      if (typeof value === 'string') out[spec.column] = this.decryptValue(spec, sqlIdentity(table, row), value);
    }
    return out as T;
  }

  /** Encrypts the registered properties of an entity in place (identity from the entity). */
  encryptEntity(metadata: EntityMetadata, entity: ObjectLiteral): void {
    const identity = entityIdentity(metadata, entity);
    for (const spec of managed(metadata.tableName)) {
      const property = propertyOf(metadata, spec.column);
      if (!(property in entity)) continue;
      const value = entity[property];
      const indexProperty = spec.blindIndex ? propertyOf(metadata, spec.blindIndex.column) : null;
      if (indexProperty) entity[indexProperty] = typeof value === 'string' ? this.blindIndex(spec, identity.organizationId, value) : null;
      if (typeof value === 'string' && (!spec.onlyWhen || entity[propertyOf(metadata, spec.onlyWhen)] === true)) entity[property] = this.encryptValue(spec, identity, value);
    }
  }

  /** Decrypts the registered properties of a loaded entity in place. */
  decryptEntity(metadata: EntityMetadata, entity: ObjectLiteral): void {
    for (const spec of managed(metadata.tableName)) {
      const property = propertyOf(metadata, spec.column);
      const value = entity[property];
      if (typeof value === 'string' && FieldCipher.isCiphertext(value)) entity[property] = this.decryptValue(spec, entityIdentity(metadata, entity), value);
    }
  }

  /**
   * The values of an UPDATE by id (QueryBuilder `.update()`, which has no row identity for the
   * subscriber), with the registered properties encrypted. `current` is the row as stored
   * (decrypted): with an `onlyWhen` flag changing, the value is written again, encrypted or not.
   */
  forUpdate<T extends ObjectLiteral>(metadata: EntityMetadata, identity: RowIdentity, values: T, current?: ObjectLiteral): T {
    const out: ObjectLiteral = { ...values };
    for (const spec of managed(metadata.tableName)) {
      const property = propertyOf(metadata, spec.column);
      const flag = spec.onlyWhen ? propertyOf(metadata, spec.onlyWhen) : null;
      if (flag && flag in values && !(property in values)) {
        if (!current) throw new Error(`Changing ${spec.table}.${spec.onlyWhen} needs the current row`);
        out[property] = current[property];
      }
      if (!(property in out)) continue;
      const value = out[property];
      const encrypt = !flag || (flag in values ? values[flag] : current?.[flag]) === true;
      if (flag) out[flag] = encrypt;
      if (spec.blindIndex) out[propertyOf(metadata, spec.blindIndex.column)] = typeof value === 'string' ? this.blindIndex(spec, identity.organizationId, value) : null;
      if (typeof value === 'string' && encrypt) out[property] = this.encryptValue(spec, identity, value);
    }
    return out as T;
  }
}

const managed = (table: string) => encryptedColumnsOf(table).filter((c) => !c.ownerManaged);

function propertyOf(metadata: EntityMetadata, column: string): string {
  const found = metadata.findColumnWithDatabaseName(column);
  if (!found) throw new Error(`${metadata.tableName}.${column} is registered as encrypted but the entity has no such column`);
  return found.propertyName;
}

function sqlIdentity(table: string, row: Row): RowIdentity {
  const organizationId = row['organization_id'];
  const id = row['id'];
  if (typeof organizationId !== 'string' || typeof id !== 'string') throw new Error(`A ${table} row needs organization_id and id to encrypt or decrypt its fields`);
  return { organizationId, id };
}

function entityIdentity(metadata: EntityMetadata, entity: ObjectLiteral): RowIdentity {
  const organizationId = entity[propertyOf(metadata, 'organization_id')];
  const id = entity[propertyOf(metadata, 'id')];
  if (typeof organizationId !== 'string' || typeof id !== 'string') throw new Error(`A ${metadata.tableName} entity needs organizationId and id to encrypt or decrypt its fields`);
  return { organizationId, id };
}
