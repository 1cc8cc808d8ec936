import { versionAndTimestamps, type VersionedRow } from '@clockwork/server-core';

/** What an effective-dated rate (billing rate, cost rate) stores besides its scope and amount. */
export interface DatedRate extends VersionedRow {
  currency: string;
  validFrom: string;
  validTo: string | null;
}

/** The fields every effective-dated rate's DTO ends with, alike: currency, period, version and timestamps. */
export function datedRateFields(r: DatedRate) {
  return {
    currency: r.currency,
    valid_from: r.validFrom,
    valid_to: r.validTo,
    ...versionAndTimestamps(r),
  };
}
