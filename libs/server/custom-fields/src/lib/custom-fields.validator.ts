import { BadRequestException, Injectable } from '@nestjs/common';
import { RequestContext } from '@clockwork/server-core';
import type { CustomFieldValue, CustomFieldValues } from '@clockwork/shared-dto';
import type { CustomFieldDefinition, CustomFieldRecordType } from '@clockwork/shared-entities';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { customFieldCsvColumns, type CustomFieldCsvColumns } from './custom-field-csv.rules';
import { CustomFieldDefinitionsCache } from './custom-field-definitions.store';
import { checkValue, filterValue } from './custom-field-value.rules';
import { CustomFieldsRepository } from './custom-fields.repository';

/** How a write treats the record's custom fields: a new record, a full replace (PUT), or a PATCH of the keys sent. */
export type CustomFieldWriteMode = 'create' | 'replace' | 'patch';

type FieldError = { field: string; errors: string[] };

const invalid = (errors: FieldError[]) =>
  new BadRequestException({ message: `Validation failed: ${errors.flatMap((e) => e.errors).join('; ')}`, details: errors });

/**
 * Checks the `custom_fields` of every write of accounts, contacts, deals and tasks against the
 * organization's live definitions (API create/replace/patch, and through those services the
 * signed webhooks; bulk edit calls `validatePatch`): an unknown key, a wrong type, an option not
 * in the list, a user of another organization, a required field missing or cleared is a 400
 * naming `custom_fields.<key>`, before anything is written. Also turns `cf.<key>` list filters
 * into the jsonb the records must contain.
 */
@Injectable()
export class CustomFieldsValidator {
  constructor(
    private readonly fields: CustomFieldsRepository,
    private readonly cache: CustomFieldDefinitionsCache,
    private readonly context: RequestContext,
  ) {}

  /** The live definitions for a read (a list's filters, a CSV's columns): from the process's cache. */
  private liveForRead(recordType: CustomFieldRecordType): Promise<readonly CustomFieldDefinition[]> {
    return this.cache.live(this.context.organizationId, recordType, () => this.fields.live(recordType));
  }

  /**
   * The `custom_fields` to store after a write: the values sent checked and normalized, merged
   * over the record's current ones on PATCH; on a full replace the values of deleted fields are
   * kept (so a restore brings them back). Undefined when nothing changes (a PATCH without it).
   */
  async valuesToStore(
    manager: EntityManager,
    recordType: CustomFieldRecordType,
    sent: CustomFieldValues | undefined,
    mode: CustomFieldWriteMode,
    current: Record<string, unknown> = {},
  ): Promise<QueryDeepPartialEntity<Record<string, unknown>> | undefined> {
    if (sent === undefined && mode === 'patch') return undefined;
    const defs = await this.fields.live(recordType, manager);
    const checked = await this.check(defs, sent ?? {}, manager);
    const errors: FieldError[] = [];
    const live = new Set(defs.map((d) => d.key));
    const base = mode === 'patch' ? { ...current } : mode === 'replace' ? Object.fromEntries(Object.entries(current).filter(([key]) => !live.has(key))) : {};
    const merged: Record<string, unknown> = { ...base, ...checked };
    for (const def of defs) {
      if (!def.required) continue;
      const missing = merged[def.key] === undefined || merged[def.key] === null;
      // A PATCH may leave an old record without a field that became required, but not clear one.
      if (missing && (mode !== 'patch' || def.key in checked)) errors.push({ field: `custom_fields.${def.key}`, errors: [`custom_fields.${def.key} is required`] });
    }
    if (errors.length) throw invalid(errors);
    return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== null)) as QueryDeepPartialEntity<Record<string, unknown>>;
  }

  /**
   * Checks a patch of custom fields (`{ key: value }`, null clears) for many records at once,
   * e.g. a bulk "set a custom field": returns it normalized, or throws the 400 naming each bad
   * `custom_fields.<key>`. A required field may not be cleared.
   */
  async validatePatch(recordType: CustomFieldRecordType, patch: CustomFieldValues, manager?: EntityManager): Promise<Record<string, CustomFieldValue>> {
    const defs = await this.fields.live(recordType, manager);
    const checked = await this.check(defs, patch, manager);
    const cleared = defs.filter((d) => d.required && d.key in checked && checked[d.key] === null);
    if (cleared.length) throw invalid(cleared.map((d) => ({ field: `custom_fields.${d.key}`, errors: [`custom_fields.${d.key} is required`] })));
    return checked;
  }

  /**
   * The jsonb a record's `custom_fields` must contain to pass the `cf.<key>` filters (undefined
   * without filters); a filter on a key that is not a live field of the type is a 400 naming it.
   */
  async filterFor(recordType: CustomFieldRecordType, filters: Record<string, string> | undefined): Promise<Record<string, unknown> | undefined> {
    if (!filters || Object.keys(filters).length === 0) return undefined;
    const defs = new Map((await this.liveForRead(recordType)).map((d) => [d.key, d]));
    const errors: FieldError[] = [];
    const contains: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(filters)) {
      const def = defs.get(key);
      const result = def ? filterValue(def, text) : { ok: false as const, error: `cf.${key} is not a custom field of ${recordType}s` };
      if (result.ok) contains[key] = result.value;
      else errors.push({ field: `cf.${key}`, errors: [result.error] });
    }
    if (errors.length) throw invalid(errors);
    return contains;
  }

  /** The `cf.<key>` columns a CSV export of the record type adds, one per live field in form order. */
  async csvColumns(recordType: CustomFieldRecordType): Promise<CustomFieldCsvColumns> {
    return customFieldCsvColumns(await this.liveForRead(recordType));
  }

  private async check(defs: CustomFieldDefinition[], sent: CustomFieldValues, manager?: EntityManager): Promise<Record<string, CustomFieldValue>> {
    const byKey = new Map(defs.map((d) => [d.key, d]));
    const errors: FieldError[] = [];
    const out: Record<string, CustomFieldValue> = {};
    for (const [key, raw] of Object.entries(sent)) {
      const def = byKey.get(key);
      const result = def ? checkValue(def, raw) : { ok: false as const, error: `custom_fields.${key} is not a custom field of this record type` };
      if (result.ok) out[key] = result.value;
      else errors.push({ field: `custom_fields.${key}`, errors: [result.error] });
    }
    const userKeys = defs.filter((d) => d.type === 'user' && typeof out[d.key] === 'string').map((d) => d.key);
    if (userKeys.length) {
      const found = await this.fields.existingUsers(userKeys.map((k) => out[k] as string), manager);
      for (const key of userKeys) if (!found.has(out[key] as string)) errors.push({ field: `custom_fields.${key}`, errors: [`custom_fields.${key} must be the id of a user of this organization`] });
    }
    if (errors.length) throw invalid(errors);
    return out;
  }
}
