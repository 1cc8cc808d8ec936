import { Module } from '@nestjs/common';
import { AccountsModule } from '@clockwork/server-accounts';
import { AuditModule } from '@clockwork/server-audit';
import { AuthModule } from '@clockwork/server-auth';
import { CoreModule, HealthModule } from '@clockwork/server-core';
import { UsersModule } from '@clockwork/server-users';

/** Composes the domain modules into the HTTP api. No business rules here. */
@Module({
  imports: [CoreModule.forRoot('api'), HealthModule, AuthModule, UsersModule, AuditModule, AccountsModule],
})
export class AppModule {}
