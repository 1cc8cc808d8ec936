import { Module } from '@nestjs/common';
import { QueueBoardAuth } from './queue-board.middleware';

@Module({ providers: [QueueBoardAuth], exports: [QueueBoardAuth] })
export class QueueBoardAuthModule {}
