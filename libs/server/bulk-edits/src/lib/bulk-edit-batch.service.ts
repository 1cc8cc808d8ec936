import { Injectable } from '@nestjs/common';
import { AccountsService } from '@clockwork/server-accounts';
import { ContactsService } from '@clockwork/server-contacts';
import { DealsService } from '@clockwork/server-deals';
import { TasksService } from '@clockwork/server-tasks';
import { AccountQueryDto, ContactQueryDto, DealQueryDto, PatchAccountDto, PatchContactDto, PatchDealDto, PatchTaskDto, TaskQueryDto } from '@clockwork/shared-dto';
import type { BulkEditKind, BulkEditPatchDto } from '@clockwork/shared-dto';
import type { EntityManager } from 'typeorm';
import { BulkEditRecordsRepository } from './bulk-edit-records.repository';
import { recordPatch } from './bulk-edit.rules';

type Page = { data: { id: string }[]; next_cursor: string | null };
type Klass = new () => object;

/** What a bulk edit needs of each kind: its list (for a filter), its PATCH body class and its service's update. */
interface Target {
  query: Klass;
  body: Klass;
  list: (query: object) => Promise<Page>;
  update: (id: string, body: object, manager: EntityManager) => Promise<unknown>;
}

/**
 * The record services behind a bulk edit (api and worker): a batch is written in the caller's
 * transaction, each record through its own service's update — its rules (ownership, stage
 * history, completed_at, foreign keys), its audit row and its events.
 */
@Injectable()
export class BulkEditBatchService {
  private readonly targets: Record<BulkEditKind, Target>;

  constructor(
    private readonly records: BulkEditRecordsRepository,
    accounts: AccountsService,
    contacts: ContactsService,
    deals: DealsService,
    tasks: TasksService,
  ) {
    this.targets = {
      accounts: { query: AccountQueryDto, body: PatchAccountDto, list: (q) => accounts.list(q as AccountQueryDto), update: (id, b, m) => accounts.update(id, b as PatchAccountDto, false, undefined, m) },
      contacts: { query: ContactQueryDto, body: PatchContactDto, list: (q) => contacts.list(q as ContactQueryDto), update: (id, b, m) => contacts.update(id, b as PatchContactDto, false, undefined, m) },
      deals: { query: DealQueryDto, body: PatchDealDto, list: (q) => deals.list(q as DealQueryDto), update: (id, b, m) => deals.update(id, b as PatchDealDto, false, undefined, m) },
      tasks: { query: TaskQueryDto, body: PatchTaskDto, list: (q) => tasks.list(q as TaskQueryDto), update: (id, b, m) => tasks.update(id, b as PatchTaskDto, undefined, m) },
    };
  }

  /** The kind's list query class (its filters' validators) and PATCH body class. */
  classesOf(kind: BulkEditKind): { query: Klass; body: Klass } {
    return this.targets[kind];
  }

  /** One page of the kind's list, through its service (its own filter rules). */
  list(kind: BulkEditKind, query: object): Promise<Page> {
    return this.targets[kind].list(query);
  }

  /** Writes one batch in the caller's transaction: locks its rows (id order), then updates each. */
  async write(manager: EntityManager, kind: BulkEditKind, ids: string[], patch: BulkEditPatchDto): Promise<void> {
    const locked = new Map((await this.records.find(kind, ids, manager, true)).map((r) => [r.id, r]));
    for (const id of ids) await this.targets[kind].update(id, recordPatch(kind, patch, locked.get(id)?.tags), manager);
  }
}
