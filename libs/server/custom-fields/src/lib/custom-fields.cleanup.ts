import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HOUSEKEEPING_CHUNK, HousekeepingRegistry } from '@clockwork/server-core';
import { CUSTOM_FIELD_RESTORE_DAYS } from '@clockwork/shared-dto';
import { DataSource } from 'typeorm';

const TABLES: Record<string, string> = { account: 'accounts', contact: 'contacts', deal: 'deals', task: 'tasks' };

/**
 * `custom_fields` housekeeping: a field deleted more than 30 days ago is purged, its values
 * first (in chunks of the organization's rows that hold the key), then its definition,
 * which frees the key.
 */
@Injectable()
export class CustomFieldsCleanup implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: HousekeepingRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register('custom_fields', () => this.purgeDeleted());
  }

  async purgeDeleted(chunk = HOUSEKEEPING_CHUNK): Promise<number> {
    const expired: { organization_id: string; id: string; record_type: string; key: string }[] = await this.dataSource.query(
      `SELECT organization_id, id, record_type, key FROM custom_field_definitions
        WHERE deleted_at < now() - make_interval(days => ${CUSTOM_FIELD_RESTORE_DAYS}) ORDER BY deleted_at LIMIT 100`,
    );
    let rows = 0;
    for (const field of expired) {
      const table = TABLES[field.record_type];
      for (;;) {
        const result: [unknown[], number] = await this.dataSource.query(
          `UPDATE ${table} t SET custom_fields = t.custom_fields - $2::text
             FROM (SELECT id FROM ${table} WHERE organization_id = $1 AND custom_fields ? $2::text LIMIT $3) AS chunk
            WHERE t.organization_id = $1 AND t.id = chunk.id`,
          [field.organization_id, field.key, chunk],
        );
        rows += result[1];
        if (result[1] < chunk) break;
      }
      await this.dataSource.query('DELETE FROM custom_field_definitions WHERE organization_id = $1 AND id = $2', [field.organization_id, field.id]);
      rows += 1;
    }
    return rows;
  }
}
