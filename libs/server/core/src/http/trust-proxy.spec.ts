import { trustProxy } from './http-app.config';

describe('trustProxy (TRUST_PROXY -> Express "trust proxy")', () => {
  it('reads booleans, hop counts and subnet lists', () => {
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('true')).toBe(true);
    expect(trustProxy('2')).toBe(2);
    expect(trustProxy('loopback, uniquelocal')).toEqual(['loopback', 'uniquelocal']);
    expect(trustProxy('10.0.0.0/8,172.16.0.0/12')).toEqual(['10.0.0.0/8', '172.16.0.0/12']);
  });
});
