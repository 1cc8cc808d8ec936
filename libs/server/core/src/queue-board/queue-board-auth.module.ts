import { Module } from '@nestjs/common';
import { QueueBoardAuth } from './queue-board.auth';

@Module({ providers: [QueueBoardAuth], exports: [QueueBoardAuth] })
export class QueueBoardAuthModule {}
