/** Escapes LIKE/ILIKE wildcards (`%`, `_`, `\`) so user text matches literally. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A timestamp for the wire: ISO-8601 UTC, or null. */
export const isoOrNull = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
