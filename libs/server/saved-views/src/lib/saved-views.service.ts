import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditWriter, RequestContext } from '@clockwork/server-core';
import { badFilterOf, type CreateSavedViewDto, mayOpenList, type PatchSavedViewDto, type SavedViewDto, type SavedViewList, type SavedViewListDto } from '@clockwork/shared-dto';
import type { SavedView } from '@clockwork/shared-entities';
import { DataSource, EntityManager } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { assertEditable, assertMayOpen, assertReadable, mayEditView } from './saved-view.policy';
import { toSavedViewAudit, toSavedViewDto } from './saved-view.mapper';
import { SavedViewsRepository } from './saved-views.repository';

const filtersError = (message: string) => new BadRequestException({ message: `Validation failed: ${message}`, details: [{ field: 'filters', errors: [message] }] });

/**
 * Saved list views (docs/api-contract.md "Saved views"): a user's own views and the shared
 * ones of a list they may open; the owner edits, an admin also edits shared ones; each user
 * has at most one default view per list. Each write is one transaction with its audit row.
 */
@Injectable()
export class SavedViewsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly views: SavedViewsRepository,
    private readonly audit: AuditWriter,
    private readonly context: RequestContext,
  ) {}

  private get userId(): string {
    return this.context.principal?.id as string;
  }

  async list(list: SavedViewList): Promise<SavedViewListDto> {
    const shared = mayOpenList(this.context.principal?.role, list);
    const [views, defaultId] = await Promise.all([this.views.visible(list, this.userId, shared), this.views.defaultOf(list, this.userId)]);
    return { data: views.map((v) => this.dto(v, defaultId)) };
  }

  async create(dto: CreateSavedViewDto): Promise<SavedViewDto> {
    assertMayOpen(this.context.principal, dto.list);
    return this.dataSource.transaction(async (manager) => {
      const view = await this.views.insert(manager, {
        ownerId: this.userId,
        list: dto.list,
        name: dto.name,
        filters: dto.filters ?? {},
        sort: dto.sort ?? null,
        columns: dto.columns ?? null,
        visibility: dto.visibility ?? 'private',
      });
      await this.written(manager, 'create', null, view);
      return this.dto(view, null);
    });
  }

  update(id: string, dto: PatchSavedViewDto): Promise<SavedViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const before = assertReadable(this.context.principal, await this.views.findById(id, manager));
      assertEditable(this.context.principal, before);
      if (dto.filters !== undefined) {
        const bad = badFilterOf(before.list, dto.filters);
        if (bad) throw filtersError(bad);
      }
      const values: QueryDeepPartialEntity<SavedView> = {};
      if (dto.name !== undefined) values.name = dto.name;
      if (dto.filters !== undefined) values.filters = dto.filters;
      if (dto.sort !== undefined) values.sort = dto.sort;
      if (dto.columns !== undefined) values.columns = dto.columns;
      if (dto.visibility !== undefined) values.visibility = dto.visibility;
      const defaultId = await this.views.defaultOf(before.list, this.userId, manager);
      if (Object.keys(values).length === 0) return this.dto(before, defaultId);
      const after = await this.views.updateById(manager, id, values);
      if (after.visibility === 'private') await this.views.dropOthersDefaults(manager, after.ownerId, id);
      await this.written(manager, 'update', before, after);
      return this.dto(after, defaultId);
    });
  }

  remove(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = assertReadable(this.context.principal, await this.views.findById(id, manager));
      assertEditable(this.context.principal, before);
      await this.views.deleteById(manager, id);
      await this.written(manager, 'delete', before, null);
    });
  }

  /** Makes a view the caller's default of its list (replacing the previous one). A personal preference: not audited. */
  makeDefault(id: string): Promise<SavedViewDto> {
    return this.dataSource.transaction(async (manager) => {
      const view = assertReadable(this.context.principal, await this.views.findById(id, manager));
      await this.views.setDefault(manager, view.list, this.userId, view.id);
      return this.dto(view, view.id);
    });
  }

  unsetDefault(id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const view = assertReadable(this.context.principal, await this.views.findById(id, manager));
      await this.views.unsetDefault(manager, this.userId, view.id);
    });
  }

  private dto(view: SavedView, defaultId: string | null): SavedViewDto {
    return toSavedViewDto(view, { isDefault: view.id === defaultId, editable: mayEditView(this.context.principal, view) });
  }

  private async written(manager: EntityManager, action: 'create' | 'update' | 'delete', before: SavedView | null, after: SavedView | null): Promise<void> {
    await this.audit.record(manager, {
      action,
      objectType: 'saved_view',
      objectId: (after ?? before)?.id as string,
      before: before ? toSavedViewAudit(before) : null,
      after: after ? toSavedViewAudit(after) : null,
    });
  }
}
