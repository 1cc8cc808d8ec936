import { EventSubscriber } from 'typeorm';
import type { EntityMetadata, EntitySubscriberInterface, InsertEvent, LoadEvent, ObjectLiteral, UpdateEvent } from 'typeorm';
import { encryptedColumnsOf } from './encrypted-columns.config';
import { EncryptedFields } from './encrypted-fields.cipher';
import { FieldCipher } from './field.cipher';

/**
 * Keeps the registered columns (encrypted-columns.config.ts) encrypted in PostgreSQL and plain in the
 * entities the code handles: encrypts before insert and update, decrypts after load, and puts
 * the plain values back on the entity after the write. Every TypeORM path goes through it:
 * find*, QueryBuilder selects, save, insert. A QueryBuilder `.update()` carries no row identity
 * (the AAD): such a write must arrive encrypted (`EncryptedFields.forUpdate`), else it is
 * refused here rather than stored in plain text. Raw SQL (`manager.query`) bypasses TypeORM:
 * those paths call EncryptedFields themselves.
 */
export class EncryptedColumnsSubscriber implements EntitySubscriberInterface {
  /** Plain values of entities being written, put back once the row is stored. */
  private readonly plain = new WeakMap<object, ObjectLiteral>();

  constructor(private readonly fields: EncryptedFields) {}

  afterLoad(entity: ObjectLiteral, event?: LoadEvent<ObjectLiteral>): void {
    if (event && applies(event.metadata)) this.fields.decryptEntity(event.metadata, entity);
  }

  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    if (event.entity && applies(event.metadata)) this.encrypt(event.metadata, event.entity);
  }

  afterInsert(event: InsertEvent<ObjectLiteral>): void {
    this.restore(event.entity);
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    const entity = event.entity;
    if (!entity || !applies(event.metadata)) return;
    const metadata = event.metadata;
    const hasIdentity = typeof entity[prop(metadata, 'organization_id')] === 'string' && typeof entity[prop(metadata, 'id')] === 'string';
    if (hasIdentity) return this.encrypt(metadata, entity);
    for (const spec of encryptedColumnsOf(metadata.tableName).filter((c) => !c.ownerManaged)) {
      const value = entity[prop(metadata, spec.column)];
      const flagOnly = spec.onlyWhen !== undefined && prop(metadata, spec.onlyWhen) in entity && !(prop(metadata, spec.column) in entity);
      const plain = typeof value === 'string' && !FieldCipher.isCiphertext(value) && (!spec.onlyWhen || entity[prop(metadata, spec.onlyWhen)] !== false);
      if (plain || flagOnly) {
        throw new Error(`${spec.table}.${spec.column} updated without its row identity: pass the values through EncryptedFields.forUpdate`);
      }
    }
  }

  afterUpdate(event: UpdateEvent<ObjectLiteral>): void {
    this.restore(event.entity);
  }

  private encrypt(metadata: EntityMetadata, entity: ObjectLiteral): void {
    const before: ObjectLiteral = {};
    for (const spec of encryptedColumnsOf(metadata.tableName)) {
      const property = prop(metadata, spec.column);
      if (property in entity) before[property] = entity[property];
    }
    this.fields.encryptEntity(metadata, entity);
    this.plain.set(entity, before);
  }

  private restore(entity: ObjectLiteral | undefined): void {
    const before = entity ? this.plain.get(entity) : undefined;
    if (!entity || !before) return;
    Object.assign(entity, before);
    this.plain.delete(entity);
  }
}

const applies = (metadata: EntityMetadata) => encryptedColumnsOf(metadata.tableName).some((c) => !c.ownerManaged);

const prop = (metadata: EntityMetadata, column: string) => metadata.findColumnWithDatabaseName(column)?.propertyName ?? column;

/**
 * The subscriber as a class TypeORM can instantiate (`subscribers` in the data source options
 * takes classes marked @EventSubscriber), bound to this process's EncryptedFields.
 */
export function encryptedColumnsSubscriber(fields: EncryptedFields): new () => EncryptedColumnsSubscriber {
  class BoundEncryptedColumnsSubscriber extends EncryptedColumnsSubscriber {
    constructor() {
      super(fields);
    }
  }
  EventSubscriber()(BoundEncryptedColumnsSubscriber);
  return BoundEncryptedColumnsSubscriber;
}
