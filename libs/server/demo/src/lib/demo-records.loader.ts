import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AccountsService } from '@clockwork/server-accounts';
import { ContactsService } from '@clockwork/server-contacts';
import { RequestContext } from '@clockwork/server-core';
import { DealsService } from '@clockwork/server-deals';
import { TasksService } from '@clockwork/server-tasks';
import { UsersService } from '@clockwork/server-users';
import { CloseDealDto, CreateAccountDto, CreateContactDto, CreateDealDto, CreateTaskDto, CreateUserDto, isClosedStage } from '@clockwork/shared-dto';
import { demoDto } from './demo-dto.validator';
import { DEMO_ACCOUNTS, DEMO_CONTACTS, DEMO_CURRENCY, DEMO_DEALS, DEMO_MARKER, DEMO_PEOPLE, DEMO_TASKS } from './demo-data.fixture';

/** The ids of what the records loader made, by the data set's keys (`admin` is the caller). */
export interface DemoIds {
  people: Record<string, string>;
  accounts: Record<string, string>;
  deals: Record<string, string>;
}

const day = (today: Date, days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Writes the sample people and CRM records (colleagues, accounts, contacts, deals, tasks)
 * through the domain services, as the calling admin (the request's principal, or the one
 * `npm run demo` runs as): each record gets its audit row and events exactly as if a person
 * had made it. Whether the organization may receive them is DemoDataService's check.
 */
@Injectable()
export class DemoRecordsLoader {
  constructor(
    private readonly context: RequestContext,
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly contacts: ContactsService,
    private readonly deals: DealsService,
    private readonly tasks: TasksService,
  ) {}

  async load(today: Date): Promise<DemoIds> {
    const principal = this.context.principal;
    if (principal?.kind !== 'user') throw new Error('The sample data is loaded as a signed-in admin');
    // Emails and employee ids are unique: the organization's id keeps them apart between organizations.
    const tag = principal.organizationId.replace(/-/g, '').slice(-10);
    const people: Record<string, string> = { admin: principal.id };
    for (const person of DEMO_PEOPLE) {
      const [first, last] = person.name.toLowerCase().split(' ');
      const email = `${first}.${last}+${tag}@demo.clockwork.test`;
      const user = await this.users.create(
        demoDto(CreateUserDto, { name: person.name, email, password: randomBytes(24).toString('base64url'), role: person.role, linked_employee_id: `${person.employee_id}-${tag}` }),
      );
      people[person.key] = user.id;
    }

    const accounts: Record<string, string> = {};
    for (const { key, ...fields } of DEMO_ACCOUNTS) {
      accounts[key] = (await this.accounts.create(demoDto(CreateAccountDto, { ...fields, owner_id: people['admin'], metadata: { demo_data: DEMO_MARKER } }))).id;
    }
    for (const c of DEMO_CONTACTS) {
      const email = `${c.first_name}.${c.last_name}@${DEMO_ACCOUNTS.find((a) => a.key === c.account)?.domain}`.toLowerCase();
      await this.contacts.create(demoDto(CreateContactDto, { first_name: c.first_name, last_name: c.last_name, job_title: c.job_title, email, account_id: accounts[c.account] }));
    }

    const deals: Record<string, string> = {};
    for (const d of DEMO_DEALS) {
      // Won and lost deals are closed after creation, as people do.
      const open = isClosedStage(d.stage) ? 'negotiation' : d.stage;
      const deal = await this.deals.create(demoDto(CreateDealDto, { name: d.name, account_id: accounts[d.account], value: d.value, currency: DEMO_CURRENCY, stage: open, owner_id: people[d.owner] }));
      if (isClosedStage(d.stage)) await this.deals.close(deal.id, demoDto(CloseDealDto, { outcome: d.stage, reason: d.stage === 'lost' ? 'Budget moved to next year' : null }));
      deals[d.key] = deal.id;
    }
    for (const t of DEMO_TASKS) {
      await this.tasks.create(demoDto(CreateTaskDto, { title: t.title, deal_id: deals[t.deal], assigned_to: people[t.assignee], status: t.status, priority: t.priority, due_date: day(today, t.due_in_days) }));
    }
    return { people, accounts, deals };
  }
}
