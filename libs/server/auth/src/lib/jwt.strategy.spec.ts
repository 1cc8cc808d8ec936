import { endedByPasswordChange } from './jwt.strategy';

describe('endedByPasswordChange', () => {
  const changedAt = Date.UTC(2026, 0, 1, 12, 0, 0, 400);
  const second = Math.floor(changedAt / 1000);

  it('lets every token through when the password never changed', () => {
    expect(endedByPasswordChange({ iat: 1, sid: 'a' }, null, null)).toBe(false);
  });

  it('refuses tokens issued before the change, except those of the kept session', () => {
    expect(endedByPasswordChange({ iat: second - 60, sid: 'other' }, changedAt, 'mine')).toBe(true);
    expect(endedByPasswordChange({ iat: second - 60, sid: undefined }, changedAt, 'mine')).toBe(true);
    expect(endedByPasswordChange({ iat: second - 60, sid: 'mine' }, changedAt, 'mine')).toBe(false);
    // A reset keeps no session.
    expect(endedByPasswordChange({ iat: second - 60, sid: 'mine' }, changedAt, null)).toBe(true);
  });

  it('accepts tokens issued after the change (and in its own second, iat having whole seconds)', () => {
    expect(endedByPasswordChange({ iat: second, sid: 'other' }, changedAt, null)).toBe(false);
    expect(endedByPasswordChange({ iat: second + 5, sid: 'other' }, changedAt, null)).toBe(false);
  });
});
