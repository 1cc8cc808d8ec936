import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { Role } from './roles';
import { Trim, OptionalNotNull } from './validation';

/**
 * Every list page a view may be saved for: the filter keys it reads from the URL (the
 * allow-list of a view's `filters`), its columns (empty when it has no column chooser) and the
 * roles that may open it (docs/permissions.md: the list route's roles).
 */
export const SAVED_VIEW_LISTS = {
  accounts: { filters: ['q', 'industry', 'owner_id'], columns: ['name', 'domain', 'industry', 'owner'], roles: ['admin', 'manager', 'sales'] },
  contacts: { filters: ['q', 'account_id', 'owner_id'], columns: ['name', 'email', 'account', 'tags', 'owner'], roles: ['admin', 'manager', 'sales', 'support'] },
  deals: { filters: ['q', 'account_id', 'owner_id'], columns: [], roles: ['admin', 'manager', 'sales'] },
  tasks: { filters: ['status', 'priority', 'assigned_to', 'deal_id'], columns: ['title', 'status', 'priority', 'due', 'assignee'], roles: ['admin', 'manager', 'sales', 'support'] },
  'time-entries': { filters: ['q', 'date_from', 'date_to', 'account_id', 'deal_id', 'user_id', 'mapping_status'], columns: [], roles: ['admin', 'manager', 'sales', 'support'] },
  invoices: { filters: ['status', 'account_id', 'deal_id'], columns: ['number', 'account', 'status', 'total', 'issued'], roles: ['admin', 'manager'] },
  'audit-log': { filters: ['object_type', 'object_id', 'actor_id', 'action'], columns: [], roles: ['admin', 'manager'] },
} as const satisfies Record<string, { filters: readonly string[]; columns: readonly string[]; roles: readonly Role[] }>;
export type SavedViewList = keyof typeof SAVED_VIEW_LISTS;
export const SAVED_VIEW_LIST_KEYS = Object.keys(SAVED_VIEW_LISTS) as SavedViewList[];
export const SAVED_VIEW_VISIBILITIES = ['private', 'organization'] as const;
export type SavedViewVisibility = (typeof SAVED_VIEW_VISIBILITIES)[number];

/** Whether a role may open a list (and so read the views shared on it). */
export const mayOpenList = (role: Role | undefined, list: SavedViewList): boolean => !!role && (SAVED_VIEW_LISTS[list].roles as readonly Role[]).includes(role);

/** The lists whose records have custom fields: their views may also keep `cf.<key>` filters. */
const CUSTOM_FIELD_LISTS: readonly string[] = ['accounts', 'contacts', 'deals', 'tasks'];

/** The first filter key a list does not know, or a value that is not a short string; null when the filters are fine. */
export function badFilterOf(list: string | undefined, filters: unknown): string | null {
  if (!list || !(list in SAVED_VIEW_LISTS) || typeof filters !== 'object' || filters === null || Array.isArray(filters)) return null;
  const allowed = SAVED_VIEW_LISTS[list as SavedViewList].filters as readonly string[];
  for (const [key, value] of Object.entries(filters)) {
    if (!allowed.includes(key) && !(CUSTOM_FIELD_LISTS.includes(list) && /^cf\.[a-z][a-z0-9_]{0,39}$/.test(key))) return `filters.${key} is not a filter of the ${list} list (allowed: ${allowed.join(', ')})`;
    if (typeof value !== 'string' || value.length > 500) return `filters.${key} must be a string of at most 500 characters`;
  }
  return null;
}

/** `filters` checked against the allow-list of the view's list (the list sent, or on PATCH the view's own: checked again by the service). */
const KnownFilters = () =>
  ValidateBy({
    name: 'knownFilters',
    validator: {
      validate: (value: unknown, args) => badFilterOf((args?.object as { list?: string }).list, value) === null,
      defaultMessage: (args) => badFilterOf((args?.object as { list?: string }).list, args?.value) ?? 'filters are not valid',
    },
  });

export class SavedViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SAVED_VIEW_LIST_KEYS }) list: SavedViewList;
  @ApiProperty({ example: 'My open tasks' }) name: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: "The list page's query parameters (only its own filter keys)" }) filters: Record<string, string>;
  @ApiProperty({ nullable: true, type: String, example: 'created_at:desc' }) sort: string | null;
  @ApiProperty({ nullable: true, type: [String], description: 'Visible columns in order; null: the list\'s own default' }) columns: string[] | null;
  @ApiProperty({ enum: SAVED_VIEW_VISIBILITIES }) visibility: SavedViewVisibility;
  @ApiProperty({ format: 'uuid' }) owner_id: string;
  @ApiProperty({ description: "Whether it is the caller's default view of its list" }) is_default: boolean;
  @ApiProperty({ description: 'Whether the caller may rename, share or delete it (its owner; an admin for shared views)' }) editable: boolean;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class SavedViewListDto {
  @ApiProperty({ type: [SavedViewDto], description: 'Your views and the shared ones of the list, by name' }) data: SavedViewDto[];
}

export class SavedViewQueryDto {
  @ApiProperty({ enum: SAVED_VIEW_LIST_KEYS })
  @IsIn(SAVED_VIEW_LIST_KEYS, { message: `list must be one of ${SAVED_VIEW_LIST_KEYS.join(', ')}` })
  list: SavedViewList;
}

/** 1..100 characters after trimming. */
const ViewName = () =>
  applyDecorators(
    Trim(),
    IsString({ message: 'name must be a string' }),
    MaxLength(100, { message: 'name must be at most 100 characters' }),
    Matches(/\S/, { message: 'name must not be empty' }),
  );

const ViewSort = () =>
  applyDecorators(
    ApiPropertyOptional({ nullable: true, type: String, example: 'created_at:desc' }),
    IsOptional(),
    Matches(/^[a-z_]+(:(asc|desc))?$/, { message: 'sort must look like field:asc or field:desc' }),
  );

/** The visible columns in order; null: the list's own. */
const ViewColumns = () =>
  applyDecorators(
    ApiPropertyOptional({ nullable: true, type: [String], maxItems: 30 }),
    IsOptional(),
    IsArray({ message: 'columns must be an array of column names' }),
    ArrayMaxSize(30, { message: 'columns must have at most 30 names' }),
    IsString({ each: true, message: 'columns must be an array of column names' }),
  );

export class CreateSavedViewDto {
  @ApiProperty({ enum: SAVED_VIEW_LIST_KEYS })
  @IsIn(SAVED_VIEW_LIST_KEYS, { message: `list must be one of ${SAVED_VIEW_LIST_KEYS.join(', ')}` })
  list: SavedViewList;

  @ApiProperty({ minLength: 1, maxLength: 100 })
  @ViewName()
  name: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, default: {} })
  @IsOptional()
  @IsObject({ message: 'filters must be an object of query parameters' })
  @KnownFilters()
  filters?: Record<string, string>;

  @ViewSort()
  sort?: string | null;

  @ViewColumns()
  columns?: string[] | null;

  @ApiPropertyOptional({ enum: SAVED_VIEW_VISIBILITIES, default: 'private' })
  @IsOptional()
  @IsIn(SAVED_VIEW_VISIBILITIES, { message: 'visibility must be private or organization' })
  visibility?: SavedViewVisibility;
}

/** PATCH: only the fields sent change; a view never moves to another list. */
export class PatchSavedViewDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @OptionalNotNull()
  @ViewName()
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @OptionalNotNull()
  @IsObject({ message: 'filters must be an object of query parameters' })
  filters?: Record<string, string>;

  @ViewSort()
  sort?: string | null;

  @ViewColumns()
  columns?: string[] | null;

  @ApiPropertyOptional({ enum: SAVED_VIEW_VISIBILITIES })
  @OptionalNotNull()
  @IsIn(SAVED_VIEW_VISIBILITIES, { message: 'visibility must be private or organization' })
  visibility?: SavedViewVisibility;
}
