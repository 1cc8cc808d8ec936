/** Escapes LIKE/ILIKE wildcards (`%`, `_`, `\`) so user text matches literally. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A timestamp for the wire: ISO-8601 UTC, or null. */
/** An ISO timestamp of a date (or of a raw row's timestamp text), null for none. */
export const isoOrNull = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
