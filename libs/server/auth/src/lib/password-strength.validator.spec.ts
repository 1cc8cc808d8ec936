import { BadRequestException } from '@nestjs/common';
import { PasswordStrength } from './password-strength.validator';

describe('PasswordStrength (zxcvbn-ts)', () => {
  const strength = new PasswordStrength();

  it('accepts long uncommon passphrases', () => {
    expect(() => strength.assertStrong('password', 'plum orbit lantern gravel 93')).not.toThrow();
    expect(strength.check('correct horse battery staple').score).toBeGreaterThanOrEqual(3);
  });

  it('refuses common passwords with a 400 naming the field and the library feedback', () => {
    let error: BadRequestException | undefined;
    try {
      strength.assertStrong('new_password', 'password123456');
    } catch (e) {
      error = e as BadRequestException;
    }
    expect(error).toBeInstanceOf(BadRequestException);
    const body = error?.getResponse() as { message: string; details: { field: string; errors: string[] }[] };
    expect(body.details[0].field).toBe('new_password');
    expect(body.details[0].errors[0]).toMatch(/new_password is too easy to guess/);
    expect(body.details[0].errors.join(' ')).toMatch(/common/i);
    expect(body.message).toMatch(/^Validation failed: new_password/);
  });

  it("counts the person's own name, email and organization as guessable", () => {
    expect(() => strength.assertStrong('password', 'acmecorp2024!')).not.toThrow();
    expect(() => strength.assertStrong('password', 'acmecorp2024!', ['ops@acmecorp.test', 'Ada', 'Acmecorp'])).toThrow(BadRequestException);
    expect(() => strength.assertStrong('password', 'Rosalind Franklin!', ['rosalind@lab.test', 'Rosalind Franklin'])).toThrow(BadRequestException);
  });

  it('loads the dictionaries on the first check, not when it is made', () => {
    jest.isolateModules(() => {
      let loads = 0;
      jest.doMock('@zxcvbn-ts/language-common', () => {
        loads++;
        return jest.requireActual('@zxcvbn-ts/language-common');
      });
      const { PasswordStrength: Isolated } = require('./password-strength.validator') as typeof import('./password-strength.validator');
      const lazy = new Isolated();
      expect(loads).toBe(0);
      expect(lazy.check('correct horse battery staple').score).toBe(4);
      lazy.check('another one');
      expect(loads).toBe(1);
    });
  });
});
