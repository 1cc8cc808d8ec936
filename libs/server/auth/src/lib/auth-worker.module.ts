import { Module } from '@nestjs/common';
import { AccountCleanup } from './account.cleanup';

/** The worker side of auth: pruning unverified signups and spent account links (housekeeping). */
@Module({ providers: [AccountCleanup] })
export class AuthWorkerModule {}
