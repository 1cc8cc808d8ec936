import { Module } from '@nestjs/common';
import { AuditLogsController } from './audit-logs.controller';
import { AuditLogsRepository } from './audit-logs.repository';

/** Reading the audit log; writing is AuditWriter's, in each service's own transaction. */
@Module({
  controllers: [AuditLogsController],
  providers: [AuditLogsRepository],
})
export class AuditModule {}
