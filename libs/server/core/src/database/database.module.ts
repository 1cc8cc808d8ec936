import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/environment.config';
import { encryptedColumnsSubscriber } from '../crypto/encrypted-columns.subscriber';
import { EncryptedFields } from '../crypto/encrypted-fields.cipher';
import { dataSourceOptions } from './data-source.config';

/**
 * Connects TypeORM to PostgreSQL with the shared options; `role` names the process in
 * pg_stat_activity. The subscriber keeps the encrypted columns encrypted on every TypeORM path.
 */
@Module({})
export class DatabaseModule {
  static forRoot(role: 'api' | 'worker') {
    return TypeOrmModule.forRootAsync({
      inject: [Env, EncryptedFields],
      useFactory: (env: Env, fields: EncryptedFields) => ({
        ...dataSourceOptions(env, `clockwork-${role}`),
        subscribers: [encryptedColumnsSubscriber(fields)],
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    });
  }
}
