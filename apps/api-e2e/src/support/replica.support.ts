// The primary and replica pair lives in tools/testing (the bench starts it too); the api-e2e
// specs start it here, on a `clockwork` database migrated by the tests' own migration runner.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ReplicaPair, startReplicaPair as startPair } from '../../../../tools/testing/replica-pair';
import { migrate } from './test-database';

// eslint-disable-next-line @nx/enforce-module-boundaries
export { replicaCaughtUp, type PgServer, type ReplicaPair } from '../../../../tools/testing/replica-pair';

export const startReplicaPair = (): Promise<ReplicaPair> => startPair({ migrate });
