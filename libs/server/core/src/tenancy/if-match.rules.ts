import { BadRequestException, PreconditionFailedException } from '@nestjs/common';

/** Reads `If-Match: "3"` (or W/"3") into the version the client last saw. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw new BadRequestException('If-Match must be the record\'s version, e.g. "3"');
  return Number(match[1]);
}

/** Refuses a write based on a stale read (optimistic concurrency): 412 with the current version. */
export function assertVersion(current: number, expected: number | undefined, what: string): void {
  if (expected !== undefined && expected !== current) {
    throw new PreconditionFailedException(`The ${what} was changed since version ${expected} (now ${current}); reload and retry`);
  }
}

/** The ETag of a versioned record. */
export const etagOf = (version: number) => `"${version}"`;
