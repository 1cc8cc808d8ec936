import { Module } from '@nestjs/common';
import { QueuesBoardAuth } from './queues-board.auth';

@Module({ providers: [QueuesBoardAuth], exports: [QueuesBoardAuth] })
export class QueuesBoardAuthModule {}
