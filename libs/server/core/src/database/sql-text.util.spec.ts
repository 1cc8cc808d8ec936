import { escapeLike, isoOrNull } from './sql-text.util';

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(escapeLike('Acme')).toBe('Acme');
  });
});

describe('isoOrNull', () => {
  it('formats dates as ISO-8601 UTC and keeps null', () => {
    expect(isoOrNull(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe('2026-01-02T03:04:05.006Z');
    expect(isoOrNull(null)).toBeNull();
    expect(isoOrNull(undefined)).toBeNull();
  });
});
