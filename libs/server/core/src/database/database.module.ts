import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/environment';
import { dataSourceOptions } from './data-source.options';

/** Connects TypeORM to PostgreSQL with the shared options; `role` names the process in pg_stat_activity. */
@Module({})
export class DatabaseModule {
  static forRoot(role: 'api' | 'worker') {
    return TypeOrmModule.forRootAsync({
      inject: [Env],
      useFactory: (env: Env) => ({
        ...dataSourceOptions(env, `clockwork-${role}`),
        retryAttempts: 10,
        retryDelay: 1000,
      }),
    });
  }
}
