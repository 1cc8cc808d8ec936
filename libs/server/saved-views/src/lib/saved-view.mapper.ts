import type { SavedViewDto, SavedViewList } from '@clockwork/shared-dto';
import type { SavedView } from '@clockwork/shared-entities';

/** The wire shape of a view, for one caller (whether it is their default, whether they may edit it). */
export function toSavedViewDto(v: SavedView, caller: { isDefault: boolean; editable: boolean }): SavedViewDto {
  return {
    id: v.id,
    list: v.list as SavedViewList,
    name: v.name,
    filters: v.filters,
    sort: v.sort,
    columns: v.columns,
    visibility: v.visibility,
    owner_id: v.ownerId,
    is_default: caller.isDefault,
    editable: caller.editable,
    created_at: v.createdAt.toISOString(),
    updated_at: v.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a view. */
export const toSavedViewAudit = (v: SavedView) => ({ list: v.list, name: v.name, filters: v.filters, sort: v.sort, columns: v.columns, visibility: v.visibility, owner_id: v.ownerId });
