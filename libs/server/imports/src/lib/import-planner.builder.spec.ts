import { AccountDraft, ContactDraft, planAccounts, planContacts } from './import-planner.builder';
import type { AccountRow, ContactRow } from './import-row.validator';

const ids = () => {
  let n = 0;
  return () => `new-${++n}`;
};
const accountRow = (over: Partial<AccountRow>): AccountRow => ({ name: 'X', industry: null, address: null, phone: null, website: null, domain: null, custom_fields: {}, ...over });
const account = (over: Partial<AccountDraft>): AccountDraft => ({ id: 'a1', name: 'X', industry: null, address: null, phone: null, website: null, domain: null, primary_contact_id: null, owner_id: null, metadata: {}, custom_fields: {}, version: 1, ...over });
const contactRow = (over: Partial<ContactRow>): ContactRow => ({ first_name: 'F', last_name: null, email: null, phone: null, job_title: null, tags: [], account: null, custom_fields: {}, ...over });
const contact = (over: Partial<ContactDraft>): ContactDraft => ({ id: 'c1', account_id: null, first_name: 'F', last_name: null, email: null, phone: null, job_title: null, owner_id: null, tags: [], metadata: {}, custom_fields: {}, version: 1, ...over });
const noLinks = { byName: new Map<string, string>(), byDomain: new Map<string, string>() };

describe('planAccounts', () => {
  it('merges into an existing account by domain (case-insensitive), filling only empty fields', () => {
    const existing = account({ id: 'a1', name: 'Acme', domain: 'acme.test', industry: 'Retail' });
    const plan = planAccounts([{ row: 2, values: accountRow({ name: 'ACME Corp', domain: 'ACME.test', industry: 'Software', phone: '+1 555' }) }], [existing], ids(), 'u1');
    expect(plan.creates).toEqual([]);
    expect(plan.updates).toEqual([{ before: existing, after: { ...existing, phone: '+1 555' } }]);
    expect(plan.outcomes).toEqual([{ row: 2, action: 'update', id: 'a1' }]);
  });

  it('fills the custom fields an existing account has no value for, key by key, and gives new ones theirs', () => {
    const existing = account({ id: 'a1', name: 'Acme', domain: 'acme.test', custom_fields: { tier: 'gold' } });
    const plan = planAccounts(
      [
        { row: 2, values: accountRow({ name: 'Acme', domain: 'acme.test', custom_fields: { tier: 'silver', seats: 12 } }) },
        { row: 3, values: accountRow({ name: 'Initech', custom_fields: { vip: true } }) },
      ],
      [existing],
      ids(),
      null,
    );
    expect(plan.updates).toEqual([{ before: existing, after: { ...existing, custom_fields: { tier: 'gold', seats: 12 } } }]);
    expect(plan.creates).toEqual([expect.objectContaining({ id: 'new-1', name: 'Initech', custom_fields: { vip: true } })]);
  });

  it('falls back to the name when the row or the account has no domain', () => {
    const noDomain = account({ id: 'a1', name: 'Globex' });
    const other = account({ id: 'a2', name: 'Initech', domain: 'initech.test' });
    const plan = planAccounts(
      [
        { row: 2, values: accountRow({ name: 'globex', domain: 'globex.test' }) },
        { row: 3, values: accountRow({ name: 'INITECH' }) },
        { row: 4, values: accountRow({ name: 'Initech', domain: 'initech.example' }) },
      ],
      [noDomain, other],
      ids(),
      null,
    );
    expect(plan.outcomes).toEqual([
      { row: 2, action: 'update', id: 'a1' },
      { row: 3, action: 'update', id: 'a2' },
      { row: 4, action: 'create', id: 'new-1' },
    ]);
    expect(plan.updates).toEqual([{ before: noDomain, after: { ...noDomain, domain: 'globex.test' } }]);
  });

  it('merges duplicate rows of the file into one new account, and does not report an unchanged match as an update', () => {
    const same = account({ id: 'a9', name: 'Same', domain: 'same.test' });
    const plan = planAccounts(
      [
        { row: 2, values: accountRow({ name: 'Hooli', domain: 'hooli.test' }) },
        { row: 3, values: accountRow({ name: 'Hooli Inc', domain: 'HOOLI.test', industry: 'Tech' }) },
        { row: 4, values: accountRow({ name: 'hooli' }) },
        { row: 5, values: accountRow({ name: 'Same', domain: 'same.test' }) },
      ],
      [same],
      ids(),
      'u1',
    );
    expect(plan.creates).toEqual([{ id: 'new-1', name: 'Hooli', industry: 'Tech', address: null, phone: null, website: null, domain: 'hooli.test', primary_contact_id: null, owner_id: 'u1', metadata: {}, custom_fields: {}, version: 1 }]);
    expect(plan.outcomes.map((o) => `${o.action}:${o.id}`)).toEqual(['create:new-1', 'update:new-1', 'update:new-1', 'update:a9']);
    expect(plan.updates).toEqual([]);
  });
});

describe('planContacts', () => {
  it('dedupes by email against existing contacts and within the file; contacts without email are always new', () => {
    const existing = contact({ id: 'c1', email: 'ada@acme.test', first_name: 'Ada', tags: [] });
    const plan = planContacts(
      [
        { row: 2, values: contactRow({ first_name: 'Ada', email: 'ada@acme.test', phone: '+1 555', tags: ['vip'] }) },
        { row: 3, values: contactRow({ first_name: 'Bob', email: 'bob@x.test' }) },
        { row: 4, values: contactRow({ first_name: 'Robert', email: 'bob@x.test', job_title: 'CEO' }) },
        { row: 5, values: contactRow({ first_name: 'Nomail' }) },
        { row: 6, values: contactRow({ first_name: 'Nomail' }) },
      ],
      [existing],
      noLinks,
      ids(),
      'u1',
    );
    expect(plan.updates).toEqual([{ before: existing, after: { ...existing, phone: '+1 555', tags: ['vip'] } }]);
    expect(plan.creates.map((c) => [c.id, c.first_name, c.job_title])).toEqual([
      ['new-1', 'Bob', 'CEO'],
      ['new-2', 'Nomail', null],
      ['new-3', 'Nomail', null],
    ]);
    expect(plan.outcomes.map((o) => o.action)).toEqual(['update', 'create', 'update', 'create', 'create']);
  });

  it('links to the account named in the row, else to the account of the email domain, never inventing one', () => {
    const links = { byName: new Map([['acme', 'acc-acme']]), byDomain: new Map([['globex.test', 'acc-globex']]) };
    const plan = planContacts(
      [
        { row: 2, values: contactRow({ email: 'a@globex.test', account: 'ACME' }) },
        { row: 3, values: contactRow({ email: 'b@globex.test', account: 'Unknown Ltd' }) },
        { row: 4, values: contactRow({ email: 'c@nowhere.test', account: 'Unknown Ltd' }) },
      ],
      [],
      links,
      ids(),
      null,
    );
    expect(plan.creates.map((c) => c.account_id)).toEqual(['acc-acme', 'acc-globex', null]);
  });

  it('fills an empty account link of an existing contact but never replaces one', () => {
    const links = { byName: new Map([['acme', 'acc-acme']]), byDomain: new Map<string, string>() };
    const unlinked = contact({ id: 'c1', email: 'u@x.test' });
    const linked = contact({ id: 'c2', email: 'l@x.test', account_id: 'acc-old' });
    const plan = planContacts([{ row: 2, values: contactRow({ email: 'u@x.test', account: 'Acme' }) }, { row: 3, values: contactRow({ email: 'l@x.test', account: 'Acme' }) }], [unlinked, linked], links, ids(), null);
    expect(plan.updates).toEqual([{ before: unlinked, after: { ...unlinked, account_id: 'acc-acme' } }]);
  });
});
