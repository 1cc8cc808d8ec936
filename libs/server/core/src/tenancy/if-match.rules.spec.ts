import { BadRequestException, PreconditionFailedException } from '@nestjs/common';
import { assertVersion, etagOf, parseIfMatch } from './if-match.rules';

describe('If-Match', () => {
  it('reads strong, weak and bare versions', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch('W/"12"')).toBe(12);
    expect(parseIfMatch('7')).toBe(7);
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('*')).toBeUndefined();
    expect(() => parseIfMatch('"abc"')).toThrow(BadRequestException);
    expect(etagOf(4)).toBe('"4"');
  });

  it('refuses a write based on a stale version', () => {
    expect(() => assertVersion(3, 3, 'deal')).not.toThrow();
    expect(() => assertVersion(3, undefined, 'deal')).not.toThrow();
    expect(() => assertVersion(4, 3, 'deal')).toThrow(PreconditionFailedException);
  });
});
