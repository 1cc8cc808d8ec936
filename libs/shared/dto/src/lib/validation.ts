import { Transform } from 'class-transformer';

/** Trims strings; turns an empty string into null (a cleared optional field). */
export const TrimToNull = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  });

/** Trims strings, keeping empty ones (so a required field can say it is empty). */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** Phone numbers as people type them: digits, spaces, +, -, ., parentheses. */
export const PHONE = /^\+?[0-9 ().-]{3,40}$/;
