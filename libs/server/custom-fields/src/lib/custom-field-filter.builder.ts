import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Adds the `cf.<key>` filters of a list (as built by `CustomFieldsValidator.filterFor`) to its
 * query: one jsonb containment `alias.custom_fields @> {...}`, which the table's GIN
 * (jsonb_path_ops) index answers, ANDed with the organization's own conditions.
 */
export function whereCustomFields<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, contains: Record<string, unknown> | undefined): SelectQueryBuilder<T> {
  if (contains && Object.keys(contains).length > 0) qb.andWhere(`${alias}.custom_fields @> CAST(:customFields AS jsonb)`, { customFields: JSON.stringify(contains) });
  return qb;
}
