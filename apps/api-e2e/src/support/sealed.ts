import { INestApplicationContext } from '@nestjs/common';
import { SEALED, SealedColumns } from '@clockwork/server-core';

/**
 * Outbox rows read with SQL, their payloads opened (they are stored encrypted, bound to the
 * row) with the app's keys. Each row needs its identity: `organization_id` and `id`, or
 * `organization_id AS _org, id AS _id` when the test compares rows without them (dropped here).
 * Typed like the raw rows it is given (`db.query` answers `any`).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function openPayloads<T = any>(app: INestApplicationContext, rows: Record<string, unknown>[]): T[] {
  const sealed = app.get(SealedColumns);
  return rows.map(({ _org, _id, ...row }) => {
    const organizationId = (_org ?? row['organization_id']) as string;
    const id = (_id ?? row['id']) as string;
    if (!organizationId || !id) throw new Error('openPayloads: select organization_id and id (or AS _org, _id) with the payload');
    return { ...row, payload: sealed.openJson(SEALED.eventPayload, { organizationId, id }, row['payload'] as string) } as T;
  });
}
