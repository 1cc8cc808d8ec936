import { likeAnywhere, PersonalTerms, scrubAll } from './personal-terms.rules';

describe('PersonalTerms', () => {
  const terms = new PersonalTerms(['Ann Smith', 'ann@example.test', '+1 (555) 0100', null, 'ab'], ['Ann', 'emp-7', 'ann smith']);

  it('drops empty and too-short values and exact terms already covered by contains', () => {
    expect(terms.contains).toEqual(['ann@example.test', '+1 (555) 0100', 'Ann Smith']);
    expect(terms.exact).toEqual(['emp-7', 'Ann']);
  });

  it('replaces contains-terms anywhere in text, any case, regex characters taken literally', () => {
    expect(terms.scrubText('Met ANN SMITH (ann@example.test, +1 (555) 0100) about the Annual review')).toBe('Met [erased] ([erased], [erased]) about the Annual review');
  });

  it('replaces only whole JSON strings equal to an exact term, keeping keys and other values', () => {
    expect(terms.scrubJson({ first_name: { from: null, to: 'Ann' }, title: 'Annual review', employee_id: 'emp-7', other: 'emp-77', n: 3, tags: ['ann', 'x'] })).toEqual({
      first_name: { from: null, to: '[erased]' },
      title: 'Annual review',
      employee_id: '[erased]',
      other: 'emp-77',
      n: 3,
      tags: ['[erased]', 'x'],
    });
  });
});

describe('scrubAll', () => {
  const id = '0192f0a4-8a9e-7c4b-9d7e-3b2a1c0d9e8f';

  it('erases every non-null leaf and keeps the shape', () => {
    expect(scrubAll({ email: { from: null, to: 'a@b.c' }, tags: ['x', 'y'], account_id: id, age: 4 })).toEqual({
      email: { from: null, to: '[erased]' },
      tags: ['[erased]', '[erased]'],
      account_id: '[erased]',
      age: '[erased]',
    });
  });

  it('with keepIds keeps UUID references except employee_id', () => {
    expect(scrubAll({ id, account_id: id, employee_id: id, note: id }, true)).toEqual({ id, account_id: id, employee_id: '[erased]', note: '[erased]' });
  });
});

describe('likeAnywhere', () => {
  it('escapes LIKE wildcards', () => {
    expect(likeAnywhere('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
});
