import { checkAccountRow, checkContactRow, readCell, splitTags } from './import-row.validator';

describe('checkAccountRow', () => {
  const mapping = { Company: 'name', Web: 'website', Domain: 'domain', Tel: 'phone', Sector: 'industry' };

  it('keeps a good row, trimmed, with empty cells as null', () => {
    expect(checkAccountRow({ Company: '  Acme  ', Web: 'https://acme.test', Domain: 'acme.test', Tel: '+1 (555) 010-0100', Sector: '' }, mapping)).toEqual({
      ok: true,
      values: { name: 'Acme', industry: null, address: null, phone: '+1 (555) 010-0100', website: 'https://acme.test', domain: 'acme.test', custom_fields: {} },
    });
  });

  it('rejects a row without a name and names each bad field with the API message', () => {
    const result = checkAccountRow({ Company: ' ', Web: 'not a url', Domain: 'nope', Tel: 'call me' }, mapping);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(['domain', 'name', 'phone', 'website']);
    expect(result.problems.find((p) => p.field === 'phone')?.message).toBe('phone must be a phone number (digits, spaces, + - . ( ))');
    expect(result.problems.find((p) => p.field === 'name')?.message).toBe('name should not be empty');
  });

  it('reads a short row (missing cells) as empty cells', () => {
    expect(checkAccountRow({ Company: 'Solo' }, mapping)).toMatchObject({ ok: true, values: { name: 'Solo', website: null, domain: null } });
    expect(checkAccountRow({}, mapping)).toMatchObject({ ok: false, problems: [{ field: 'name' }] });
  });
});

describe('checkContactRow', () => {
  const mapping = { First: 'first_name', Last: 'last_name', Email: 'email', Phone: 'phone', Title: 'job_title', Tags: 'tags', Company: 'account' };

  it('keeps a good row: email lower-cased, tags split on ; and , and deduplicated, account name kept for linking', () => {
    expect(checkContactRow({ First: 'Ada', Last: 'Lovelace', Email: ' Ada@Example.COM ', Phone: '', Title: 'CTO', Tags: 'vip; newsletter,vip,, ', Company: 'Acme' }, mapping)).toEqual({
      ok: true,
      values: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', phone: null, job_title: 'CTO', tags: ['vip', 'newsletter'], account: 'Acme', custom_fields: {} },
    });
  });

  it('accepts a contact without an email, refuses an invalid one and a missing first name', () => {
    expect(checkContactRow({ First: 'Bo', Email: '' }, mapping)).toMatchObject({ ok: true, values: { email: null } });
    const bad = checkContactRow({ First: '', Email: 'bo@', Phone: 'x' }, mapping);
    expect(bad).toEqual({
      ok: false,
      problems: [
        { field: 'first_name', message: 'first_name should not be empty' },
        { field: 'email', message: 'email must be an email address' },
        { field: 'phone', message: 'phone must be a phone number (digits, spaces, + - . ( ))' },
      ],
    });
  });

  it('splits a full name where first and last name are not given', () => {
    expect(checkContactRow({ Name: 'Ada King Lovelace' }, { Name: 'full_name' })).toMatchObject({ ok: true, values: { first_name: 'Ada', last_name: 'King Lovelace' } });
    expect(checkContactRow({ Name: 'Ada Lovelace', Last: 'Byron' }, { Name: 'full_name', Last: 'last_name' })).toMatchObject({ ok: true, values: { first_name: 'Ada', last_name: 'Byron' } });
  });

  it('refuses more tags than a contact may have', () => {
    const tags = Array.from({ length: 51 }, (_, i) => `t${i}`).join(';');
    expect(checkContactRow({ First: 'T', Tags: tags }, mapping)).toMatchObject({ ok: false, problems: [{ field: 'tags' }] });
  });
});

describe('cells', () => {
  it('undoes the formula guard of our CSV exports, and nothing else', () => {
    expect(readCell("'+1 555 0100")).toBe('+1 555 0100');
    expect(readCell("'=HYPERLINK(\"x\")")).toBe('=HYPERLINK("x")');
    expect(readCell("'quoted'")).toBe("'quoted'");
    expect(readCell(undefined)).toBe('');
  });

  it('splits tags on semicolons and commas', () => {
    expect(splitTags(' a ;b,, c ')).toEqual(['a', 'b', 'c']);
  });
});

describe('custom field columns', () => {
  const defs = [
    { key: 'tier', label: 'Tier', type: 'single_select', options: ['gold', 'silver'], required: false },
    { key: 'channels', label: 'Channels', type: 'multi_select', options: ['web', 'phone'], required: false },
    { key: 'seats', label: 'Seats', type: 'number', options: [], required: true },
    { key: 'vip', label: 'VIP', type: 'checkbox', options: [], required: false },
    { key: 'note', label: 'Note', type: 'text', options: [], required: false },
  ] as Parameters<typeof checkAccountRow>[2];
  const mapping = { Name: 'name', 'cf.tier': 'cf.tier', 'cf.channels': 'cf.channels', 'cf.seats': 'cf.seats', 'cf.vip': 'cf.vip', 'cf.note': 'cf.note' };

  it('reads each cell typed like its field (empty cells give no value)', () => {
    expect(checkAccountRow({ Name: 'Acme', 'cf.tier': 'gold', 'cf.channels': 'web;phone', 'cf.seats': '-12.5', 'cf.vip': 'false', 'cf.note': "'=not a formula" }, mapping, defs)).toEqual({
      ok: true,
      values: expect.objectContaining({ name: 'Acme', custom_fields: { tier: 'gold', channels: ['web', 'phone'], seats: -12.5, vip: false, note: '=not a formula' } }),
    });
    expect(checkAccountRow({ Name: 'Acme', 'cf.tier': '', 'cf.seats': '3' }, mapping, defs)).toMatchObject({ ok: true, values: { custom_fields: { seats: 3 } } });
  });

  it('refuses the row for a bad value or a missing required one, naming each field, with the record problems', () => {
    const result = checkAccountRow({ Name: '', 'cf.tier': 'bronze', 'cf.channels': 'web;fax', 'cf.seats': 'many', 'cf.vip': 'maybe' }, mapping, defs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.field).sort()).toEqual(['custom_fields.channels', 'custom_fields.seats', 'custom_fields.tier', 'custom_fields.vip', 'name']);
    expect(checkAccountRow({ Name: 'Acme' }, { Name: 'name' }, defs)).toMatchObject({ ok: false, problems: [{ field: 'custom_fields.seats', message: 'custom_fields.seats is required' }] });
    expect(checkAccountRow({ Name: 'Acme', 'cf.gone': 'x', 'cf.seats': '1' }, { Name: 'name', 'cf.gone': 'cf.gone', 'cf.seats': 'cf.seats' }, defs)).toMatchObject({ ok: false, problems: [{ field: 'custom_fields.gone' }] });
  });
});
