import type { PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';

/**
 * A hot statement of fixed text on `manager`'s connection: named prepared (parsed once per
 * connection; planned once too when the caller asks for generic plans) when `prepared`
 * (DATABASE_PREPARED_STATEMENTS), unnamed otherwise or when the manager holds no connection of
 * its own. Errors are raised as TypeORM raises them (QueryFailedError). `name` must be unique to
 * `text` on every connection.
 */
export async function preparedQuery<T = Record<string, unknown>>(manager: EntityManager, prepared: boolean, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (manager.queryRunner as unknown as { databaseConnection?: PoolClient } | undefined)?.databaseConnection;
  if (!prepared || !client) return manager.query(text, values);
  try {
    return (await client.query({ name, text, values })).rows as T[];
  } catch (e) {
    throw new QueryFailedError(text, values, e as Error);
  }
}
