import { Injectable } from '@nestjs/common';
import { toAccountDto } from '@clockwork/server-accounts';
import { toContactDto } from '@clockwork/server-contacts';
import { AuditWriter, OutboxWriter } from '@clockwork/server-core';
import type { ImportKindName } from '@clockwork/shared-dto';
import type { Account, Contact } from '@clockwork/shared-entities';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AccountDraft, BatchPlan, ContactDraft, emailDomain, planAccounts, planContacts, RowOf } from './import-planner.builder';
import { ImportActor, ImportRecordsRepository } from './import-records.repository';
import type { CsvRecord } from './import-csv.parser';
import { checkRow, type AccountRow, type ContactRow, type FieldProblem, type ImportFieldDefinition } from './import-row.validator';

export type ImportRow = AccountRow | ContactRow;
export type Draft = AccountDraft | ContactDraft;

export interface BatchWriteContext {
  organizationId: string;
  importId: string;
  actor: ImportActor;
}

const draftOf = <T extends { created_at: string; updated_at: string }>(dto: T): Omit<T, 'created_at' | 'updated_at'> => {
  const { created_at: _c, updated_at: _u, ...draft } = dto;
  return draft;
};

const unique = (values: (string | null | undefined)[]) => [...new Set(values.filter((v): v is string => !!v).map((v) => v.toLowerCase()))];

/**
 * One batch of an import: looks up what its rows merge into or link to, plans the batch
 * (import-planner), and writes it set-based with an audit row and an outbox event per record
 * created or changed, all in the caller's transaction.
 */
@Injectable()
export class ImportBatchService {
  constructor(
    private readonly records: ImportRecordsRepository,
    private readonly audit: AuditWriter,
    private readonly outbox: OutboxWriter,
  ) {}

  /** Serializes batches of concurrent imports of one kind in one organization. */
  lock(m: EntityManager, organizationId: string, kind: ImportKindName): Promise<void> {
    return this.records.lockKind(m, organizationId, kind);
  }

  /** The live custom fields of the kind's record type. */
  customFields(m: EntityManager, organizationId: string, kind: ImportKindName): Promise<ImportFieldDefinition[]> {
    return this.records.customFields(m, organizationId, kind === 'accounts' ? 'account' : 'contact');
  }

  /**
   * Checks records as rows of the kind, custom field columns included (the organization's live
   * fields; a `user` field's value must be one of its users): the rows that pass, and the
   * problems of the others, each naming its row and field. A refused row writes nothing.
   */
  async checkRows(m: EntityManager, kind: ImportKindName, organizationId: string, mapping: Record<string, string>, batch: { row: number; record: CsvRecord }[]): Promise<{ valid: RowOf<ImportRow>[]; errors: (FieldProblem & { row: number })[] }> {
    const defs = await this.customFields(m, organizationId, kind);
    const checked = batch.map(({ row, record }) => ({ row, result: checkRow(kind, record, mapping, defs) }));
    const userKeys = defs.filter((d) => d.type === 'user').map((d) => d.key);
    const userIds = checked.flatMap(({ result }) => (result.ok ? userKeys.map((k) => result.values.custom_fields[k]).filter((v): v is string => typeof v === 'string') : []));
    const users = await this.records.existingUsers(m, organizationId, [...new Set(userIds)]);
    const valid: RowOf<ImportRow>[] = [];
    const errors: (FieldProblem & { row: number })[] = [];
    for (const { row, result } of checked) {
      if (!result.ok) {
        errors.push(...result.problems.map((p) => ({ row, ...p })));
        continue;
      }
      const strangers = userKeys.filter((k) => typeof result.values.custom_fields[k] === 'string' && !users.has(result.values.custom_fields[k] as string));
      if (strangers.length) errors.push(...strangers.map((k) => ({ row, field: `custom_fields.${k}`, message: `custom_fields.${k} must be the id of a user of this organization` })));
      else valid.push({ row, values: result.values });
    }
    return { valid, errors };
  }

  /** Plans a batch; with `lock` the existing records it merges into stay locked until commit. */
  plan(m: EntityManager, kind: ImportKindName, organizationId: string, rows: RowOf<ImportRow>[], ownerId: string | null, lock: boolean): Promise<BatchPlan<Draft>> {
    return kind === 'accounts'
      ? this.planAccounts(m, organizationId, rows as RowOf<AccountRow>[], ownerId, lock)
      : this.planContacts(m, organizationId, rows as RowOf<ContactRow>[], ownerId, lock);
  }

  private async planAccounts(m: EntityManager, organizationId: string, rows: RowOf<AccountRow>[], ownerId: string | null, lock: boolean): Promise<BatchPlan<AccountDraft>> {
    const domains = unique(rows.map((r) => r.values.domain));
    const names = unique(rows.map((r) => r.values.name));
    const existing = await this.records.accountsMatching(m, organizationId, domains, names, lock);
    return planAccounts(rows, existing.map((a) => draftOf(toAccountDto(a))), uuidv7, ownerId);
  }

  private async planContacts(m: EntityManager, organizationId: string, rows: RowOf<ContactRow>[], ownerId: string | null, lock: boolean): Promise<BatchPlan<ContactDraft>> {
    const emails = unique(rows.map((r) => r.values.email));
    const [existing, byName, byDomain] = [
      await this.records.contactsMatching(m, organizationId, emails, lock),
      await this.records.accountIdsByName(m, organizationId, unique(rows.map((r) => r.values.account))),
      await this.records.accountIdsByDomain(m, organizationId, unique(rows.map((r) => emailDomain(r.values.email)))),
    ];
    return planContacts(rows, existing.map((c) => draftOf(toContactDto(c))), { byName, byDomain }, uuidv7, ownerId);
  }

  /** Writes a plan: records, then their audit rows and `<type>.created|updated` events. */
  async apply(m: EntityManager, kind: ImportKindName, ctx: BatchWriteContext, plan: BatchPlan<Draft>): Promise<void> {
    const { organizationId } = ctx;
    const type = kind === 'accounts' ? 'account' : 'contact';
    let created: Record<string, unknown>[];
    let updated: Record<string, unknown>[];
    if (kind === 'accounts') {
      created = (await this.records.insertAccounts(m, organizationId, plan.creates as AccountDraft[])).map((a: Account) => toAccountDto(a) as unknown as Record<string, unknown>);
      updated = (await this.records.updateAccounts(m, organizationId, plan.updates.map((u) => u.after) as AccountDraft[])).map((a: Account) => toAccountDto(a) as unknown as Record<string, unknown>);
    } else {
      created = (await this.records.insertContacts(m, organizationId, plan.creates as ContactDraft[])).map((c: Contact) => toContactDto(c) as unknown as Record<string, unknown>);
      updated = (await this.records.updateContacts(m, organizationId, plan.updates.map((u) => u.after) as ContactDraft[])).map((c: Contact) => toContactDto(c) as unknown as Record<string, unknown>);
    }
    const before = new Map(plan.updates.map((u) => [u.before.id, u.before as unknown as Record<string, unknown>]));
    const written = [...created.map((after) => ({ action: 'create' as const, after })), ...updated.map((after) => ({ action: 'update' as const, after }))];
    await this.audit.recordMany(
      m,
      organizationId,
      ctx.actor,
      `import:${ctx.importId}`,
      written.map(({ action, after }) => ({ action, objectType: type, objectId: after['id'] as string, before: action === 'create' ? null : (before.get(after['id'] as string) ?? null), after })),
    );
    await this.outbox.recordMany(
      m,
      organizationId,
      written.map(({ action, after }) => ({ type: `${type}.${action === 'create' ? 'created' : 'updated'}`, aggregateType: type, aggregateId: after['id'] as string, payload: after })),
    );
  }
}
