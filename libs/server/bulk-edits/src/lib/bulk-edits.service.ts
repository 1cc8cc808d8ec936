import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { assertMayModify } from '@clockwork/server-auth';
import { flattenValidationErrors, OutboxWriter, RequestContext } from '@clockwork/server-core';
import { BULK_EDIT_INLINE_LIMIT, MAX_BULK_EDIT_RECORDS, MAX_PAGE_SIZE, mayOpenList } from '@clockwork/shared-dto';
import type { BulkEditDto, BulkEditKind, CreateBulkEditDto } from '@clockwork/shared-dto';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { CustomFieldsValidator } from '@clockwork/server-custom-fields';
import { BulkEditBatchService } from './bulk-edit-batch.service';
import { BulkEditRecord, BulkEditRecordsRepository } from './bulk-edit-records.repository';
import { assertFilterKeys, assertPatchFits, invalid, listQueryOf, overTagged, recordPatch } from './bulk-edit.rules';
import { BulkEditsRepository, toBulkEditDto } from './bulk-edits.repository';

const RECORD_TYPES = { accounts: 'account', contacts: 'contact', deals: 'deal', tasks: 'task' } as const;

/**
 * Bulk edits: one change (owner, deal stage, task status or priority, contact tags, custom fields) to up to
 * 10,000 records named by id or matched by a list filter. Everything is checked before the
 * first write — the patch fits the kind (400 naming the field), every id is a record of the
 * organization (404 naming them), the caller may change every record (the sales ownership
 * rule; 403 naming them), the result passes the record's PATCH validation. Up to 500 records
 * are then written during the request, in one transaction; more are recorded with
 * `bulk_edit.created` for the worker (BulkEditRunner), which writes batches of 500 as the caller.
 * Each record goes through its own service's update (its rules, one audit row and its events).
 */
@Injectable()
export class BulkEditsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: BulkEditRecordsRepository,
    private readonly edits: BulkEditsRepository,
    private readonly batches: BulkEditBatchService,
    private readonly outbox: OutboxWriter,
    private readonly context: RequestContext,
    private readonly customFields: CustomFieldsValidator,
  ) {}

  async get(id: string): Promise<BulkEditDto> {
    const row = await this.edits.find(this.context.organizationId, id);
    if (!row) throw new NotFoundException('Bulk edit not found');
    return toBulkEditDto(row);
  }

  async create(dto: CreateBulkEditDto): Promise<BulkEditDto> {
    const principal = this.context.principal;
    if (!principal || !mayOpenList(principal.role, dto.kind)) throw new ForbiddenException(`The ${principal?.role} role may not change ${dto.kind}`);
    assertPatchFits(dto.kind, dto.patch);
    // Custom field values checked (and normalized) against the live fields before anything else: the same 400 as a PATCH.
    if (dto.patch.custom_fields !== undefined) dto.patch.custom_fields = await this.customFields.validatePatch(RECORD_TYPES[dto.kind], dto.patch.custom_fields);
    const ids = dto.selection.ids ? [...new Set(dto.selection.ids.map((id) => id.toLowerCase()))] : await this.matching(dto.kind, dto.selection.filter ?? {});
    const found = await this.records.find(dto.kind, ids);
    this.assertAllFound(dto.kind, ids, found);
    this.assertMayChangeAll(dto.kind, found);
    await this.assertValidBodies(dto, found);
    const organizationId = principal.organizationId;
    const inline = ids.length <= BULK_EDIT_INLINE_LIMIT;
    const row = await this.dataSource.transaction(async (manager) => {
      if (inline) await this.batches.write(manager, dto.kind, ids, dto.patch);
      const created = await this.edits.insert(manager, { organizationId, kind: dto.kind, patch: dto.patch, ids, actor: principal, finished: inline });
      if (!inline) {
        await this.outbox.record(manager, { organizationId, type: 'bulk_edit.created', aggregateType: 'bulk_edit', aggregateId: created.id, payload: { id: created.id, kind: dto.kind, total: ids.length } });
      }
      return created;
    });
    return toBulkEditDto(row);
  }

  /** The ids of every record the kind's list returns for this filter (its own query rules), at most 10,000. */
  private async matching(kind: BulkEditKind, filter: Record<string, unknown>): Promise<string[]> {
    assertFilterKeys(kind, filter);
    const query = plainToInstance(this.batches.classesOf(kind).query, { ...listQueryOf(filter), limit: MAX_PAGE_SIZE });
    const errors = await validate(query, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw invalid(flattenValidationErrors(errors, 'selection.filter'));
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.batches.list(kind, { ...query, cursor });
      ids.push(...page.data.map((r) => r.id));
      if (ids.length > MAX_BULK_EDIT_RECORDS) {
        throw invalid([{ field: 'selection.filter', errors: [`selection.filter matches more than ${MAX_BULK_EDIT_RECORDS} ${kind}; narrow it down`] }]);
      }
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    if (ids.length === 0) throw invalid([{ field: 'selection.filter', errors: [`selection.filter matches no ${kind}`] }]);
    return ids;
  }
  private assertAllFound(kind: BulkEditKind, ids: string[], found: BulkEditRecord[]): void {
    const known = new Set(found.map((r) => r.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length === 0) return;
    const shown = missing.slice(0, 20);
    throw new NotFoundException({
      message: `${missing.length} of selection.ids ${missing.length === 1 ? 'is' : 'are'} not ${kind} of this organization: ${shown.join(', ')}${missing.length > shown.length ? ', …' : ''}`,
      details: [{ field: 'selection.ids', errors: shown.map((id) => `${id} is not one of the ${kind} of this organization`) }],
    });
  }

  /** The ownership rule of each record's service, checked for all of them before any write. */
  private assertMayChangeAll(kind: BulkEditKind, found: BulkEditRecord[]): void {
    const refused = found.filter((r) => {
      try {
        assertMayModify(this.context.principal, r.owners, kind);
        return false;
      } catch {
        return true;
      }
    });
    if (refused.length === 0) return;
    const shown = refused.slice(0, 20).map((r) => r.id);
    throw new ForbiddenException({
      message: `The ${this.context.principal?.role} role may only change its own ${kind}; ${refused.length} selected ${refused.length === 1 ? 'is' : 'are'} not: ${shown.join(', ')}${refused.length > shown.length ? ', …' : ''}. Nothing was changed`,
      details: [{ field: 'selection', errors: shown.map((id) => `${id} is not yours to change`) }],
    });
  }

  /** Every record's PATCH body passes the record's own PATCH validation (e.g. a contact's tag limit). */
  private async assertValidBodies(dto: CreateBulkEditDto, found: BulkEditRecord[]): Promise<void> {
    const tagged = dto.kind === 'contacts' ? overTagged(found, dto.patch) : [];
    if (tagged.length > 0) {
      throw invalid([{ field: 'patch.add_tags', errors: [`patch.add_tags would leave ${tagged.length} contact(s) with more tags than allowed: ${tagged.slice(0, 20).join(', ')}`] }]);
    }
    const body = plainToInstance(this.batches.classesOf(dto.kind).body, recordPatch(dto.kind, dto.patch, found[0]?.tags));
    const errors = await validate(body, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw invalid(flattenValidationErrors(errors, 'patch'));
  }
}
