import type { DomainFixture } from './domain-fixture';

const fixture: DomainFixture = {
  resource: 'demo-data',
  audit: {},
  unaudited: {
    // Not one row: every record it creates is audited by its own service (plus one `load` summary row);
    // records/demo-data.spec.ts checks those rows.
    'POST /api/v1/demo-data': 'writes one audit row per record it creates, through the domain services, and a summary row',
  },
};
export default fixture;
