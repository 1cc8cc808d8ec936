import { getMetadataArgsStorage } from 'typeorm';
import { MetadataUtils } from 'typeorm/metadata-builder/MetadataUtils';
import { Activity } from './activity.entity';
import { BillingRate } from './billing-rate.entity';
import { CostRate } from './cost-rate.entity';
import { LoggedEmailLink } from './logged-email-link.entity';
import { Note } from './note.entity';
import { Organization } from './organization.entity';

/** The columns TypeORM gives an entity, its own and its base classes'. */
const columnsOf = (entity: object) =>
  getMetadataArgsStorage()
    .filterColumns(MetadataUtils.getInheritanceTree(entity as () => void))
    .map((c) => `${c.propertyName}:${c.mode}`)
    .sort();

describe('the entity base classes', () => {
  it('gives a row without an id a UUIDv7 before insert, and keeps an id it was given', () => {
    const organization = new Organization();
    organization.assignId();
    expect(organization.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const note = new Note();
    note.id = '0192f0a4-8a9e-7c4b-9d7e-3b2a1c0d9e8f';
    note.assignId();
    expect(note.id).toBe('0192f0a4-8a9e-7c4b-9d7e-3b2a1c0d9e8f');
  });

  it('gives organizations their id and timestamps, tenant rows the (organization_id, id) key too', () => {
    expect(columnsOf(Organization)).toEqual(expect.arrayContaining(['id:regular', 'createdAt:createDate', 'updatedAt:updateDate']));
    expect(columnsOf(Organization)).not.toContain('organizationId:regular');
    expect(columnsOf(LoggedEmailLink)).toEqual(['accountId:regular', 'contactId:regular', 'createdAt:createDate', 'dealId:regular', 'emailId:regular', 'id:regular', 'organizationId:regular', 'updatedAt:updateDate']);
  });

  it('gives activities and notes the account, contact and deal links besides their own columns', () => {
    for (const entity of [Activity, Note]) expect(columnsOf(entity)).toEqual(expect.arrayContaining(['accountId:regular', 'contactId:regular', 'dealId:regular']));
    expect(columnsOf(Note)).toEqual(expect.arrayContaining(['parentType:regular', 'taskId:regular', 'authorId:regular']));
  });

  it('gives hourly and cost rates their currency and period besides their own scope and amount', () => {
    for (const entity of [BillingRate, CostRate]) expect(columnsOf(entity)).toEqual(expect.arrayContaining(['currency:regular', 'validFrom:regular', 'validTo:regular', 'version:regular', 'precedence:regular']));
    expect(columnsOf(BillingRate)).toEqual(expect.arrayContaining(['hourlyRate:regular', 'accountId:regular']));
    expect(columnsOf(CostRate)).toEqual(expect.arrayContaining(['hourlyCost:regular', 'role:regular']));
  });
});
