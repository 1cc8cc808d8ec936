import { Module } from '@nestjs/common';
import { CoreModule, HealthModule } from '@clockwork/server-core';

/** Composes the domain modules into the HTTP api. No business rules here. */
@Module({
  imports: [CoreModule.forRoot('api'), HealthModule],
})
export class AppModule {}
