import { parseLsn, replicaName, replicaUrls } from './replica-lsn.util';

describe('parseLsn', () => {
  it('orders WAL positions as PostgreSQL does (high word first, hexadecimal)', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')).toBe(0x100000000n);
    expect((parseLsn('1/0') as bigint) > (parseLsn('0/FFFFFFFF') as bigint)).toBe(true);
    expect((parseLsn('A/1') as bigint) > (parseLsn('9/FFFFFFFF') as bigint)).toBe(true);
  });

  it('answers null for no position or a malformed one', () => {
    expect(parseLsn(null)).toBeNull();
    expect(parseLsn('')).toBeNull();
    expect(parseLsn('12345')).toBeNull();
  });
});

describe('replicaUrls and replicaName', () => {
  it('splits the comma list and names a replica without its password', () => {
    expect(replicaUrls(' postgres://a@h1:5433/db , ,postgres://b:secret@h2/db')).toEqual(['postgres://a@h1:5433/db', 'postgres://b:secret@h2/db']);
    expect(replicaName('postgres://b:secret@h2/db')).toBe('h2:5432/db');
    expect(replicaUrls('')).toEqual([]);
  });
});
