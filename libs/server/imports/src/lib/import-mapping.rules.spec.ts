import { guessMapping, MappingError, normalizeHeader, resolveMapping } from './import-mapping.rules';

describe('guessMapping', () => {
  it('recognises account headers whatever their case, spacing and punctuation', () => {
    const { mapping, unmapped } = guessMapping('accounts', ['Account Name', ' WEBSITE ', 'Domain', 'Industry', 'Tel.', 'Street Address', 'Revenue']);
    expect(mapping).toEqual({ 'Account Name': 'name', ' WEBSITE ': 'website', Domain: 'domain', Industry: 'industry', 'Tel.': 'phone', 'Street Address': 'address' });
    expect(unmapped).toEqual(['Revenue']);
  });

  it('recognises contact headers, with Company/Account as the account link', () => {
    const { mapping, unmapped } = guessMapping('contacts', ['E-mail', 'Given name', 'Surname', 'Job Title', 'Phone', 'Company', 'Tags', 'Favourite colour']);
    expect(mapping).toEqual({ 'E-mail': 'email', 'Given name': 'first_name', Surname: 'last_name', 'Job Title': 'job_title', Phone: 'phone', Company: 'account', Tags: 'tags' });
    expect(unmapped).toEqual(['Favourite colour']);
  });

  it('reads "Company" as the account name when importing accounts', () => {
    expect(guessMapping('accounts', ['Company', 'URL']).mapping).toEqual({ Company: 'name', URL: 'website' });
  });

  it('reads our own export headers (snake_case) back', () => {
    const { mapping, unmapped } = guessMapping('contacts', ['id', 'account_id', 'first_name', 'last_name', 'email', 'phone', 'job_title', 'owner_id', 'tags', 'metadata', 'created_at', 'updated_at']);
    expect(mapping).toEqual({ first_name: 'first_name', last_name: 'last_name', email: 'email', phone: 'phone', job_title: 'job_title', tags: 'tags' });
    expect(unmapped).toEqual(['id', 'account_id', 'owner_id', 'metadata', 'created_at', 'updated_at']);
  });

  it('gives a field to its first column only and reports the second one', () => {
    const { mapping, unmapped } = guessMapping('contacts', ['Email', 'Email Address', 'Title', 'Position']);
    expect(mapping).toEqual({ Email: 'email', Title: 'job_title' });
    expect(unmapped).toEqual(['Email Address', 'Position']);
  });

  it('skips blank headers and is not fooled by object property names', () => {
    expect(guessMapping('accounts', ['', 'Name', 'constructor', '__proto__'])).toEqual({ mapping: { Name: 'name' }, unmapped: ['constructor', '__proto__'] });
  });

  it('normalizes accents and punctuation away', () => {
    expect(normalizeHeader(' Téléphone-Number ')).toBe('telephonenumber');
  });
});

describe('resolveMapping', () => {
  it('lets the caller override, add and drop columns', () => {
    const { mapping, unmapped } = resolveMapping('contacts', ['Mail', 'First', 'Employer', 'Notes', 'Phone'], { Mail: 'email', Notes: 'job_title', Phone: null });
    expect(mapping).toEqual({ Mail: 'email', First: 'first_name', Employer: 'account', Notes: 'job_title' });
    expect(unmapped).toEqual(['Phone']);
  });

  it('takes a field away from a guessed column when an override claims it', () => {
    const { mapping, unmapped } = resolveMapping('accounts', ['Name', 'Legal name'], { 'Legal name': 'name' });
    expect(mapping).toEqual({ 'Legal name': 'name' });
    expect(unmapped).toEqual(['Name']);
  });

  it('refuses unknown columns, unknown fields, a field claimed twice, and no required field', () => {
    const problems = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as MappingError).problems;
      }
      throw new Error('expected a MappingError');
    };
    expect(problems(() => resolveMapping('accounts', ['Name'], { Nme: 'name' }))).toEqual(['mapping: "Nme" is not a column of the file (columns: Name)']);
    expect(problems(() => resolveMapping('accounts', ['Name', 'X'], { X: 'revenue' }))[0]).toMatch(/"revenue" is not a field of accounts/);
    expect(problems(() => resolveMapping('contacts', ['A', 'B', 'First'], { A: 'email', B: 'email' }))).toEqual(['mapping: "A" and "B" both map to email']);
    expect(problems(() => resolveMapping('accounts', ['Website']))).toEqual(['mapping: no column maps to name (an account needs one)']);
    expect(problems(() => resolveMapping('contacts', ['Email']))[0]).toMatch(/no column maps to first_name/);
  });

  it('accepts a full-name column instead of first_name for contacts', () => {
    expect(resolveMapping('contacts', ['Full Name', 'Email']).mapping).toEqual({ 'Full Name': 'full_name', Email: 'email' });
  });
});

describe('custom field columns', () => {
  const custom = [
    { key: 'budget_code', label: 'Budget code' },
    { key: 'tier', label: 'Customer tier' },
  ];

  it('maps cf.<key>, a key or a label to the field; standard spellings first', () => {
    expect(guessMapping('accounts', ['Name', 'cf.budget_code', 'Customer Tier', 'cf.unknown'], custom)).toEqual({
      mapping: { Name: 'name', 'cf.budget_code': 'cf.budget_code', 'Customer Tier': 'cf.tier' },
      unmapped: ['cf.unknown'],
    });
    expect(guessMapping('accounts', ['Name', 'budget_code'], custom).mapping).toEqual({ Name: 'name', budget_code: 'cf.budget_code' });
  });

  it('takes overrides to cf.<key> and refuses a key that is not a live field', () => {
    expect(resolveMapping('accounts', ['Name', 'Code'], { Code: 'cf.budget_code' }, custom).mapping).toEqual({ Name: 'name', Code: 'cf.budget_code' });
    expect(() => resolveMapping('accounts', ['Name', 'Code'], { Code: 'cf.nope' }, custom)).toThrow(/"cf.nope" is not a field of accounts/);
  });
});
