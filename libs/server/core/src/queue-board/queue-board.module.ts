import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BULL_BOARD_INSTANCE, BullBoardModule, BullBoardModuleOptions } from '@bull-board/nestjs';
import { BullModule, getQueueToken } from '@nestjs/bull';
import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Env } from '../config/environment.config';
import { QUEUES } from '@clockwork/shared-jobs';
import type { Queue } from 'bull';
import { BOARD_ROUTE, QueueBoardAuth } from './queue-board.middleware';
import { QueueBoardAuthModule } from './queue-board-auth.module';

const NAMES = Object.values(QUEUES);

/**
 * Bull Board at /admin/queues (outside /api/v1), every queue of the product, for the operators
 * of QUEUE_BOARD_USERS only (off when unset). Read-only unless QUEUE_BOARD_READ_ONLY=false:
 * then bull-board itself refuses every action (405) and the UI hides them.
 */
@Module({
  imports: [
    BullModule.registerQueue(...NAMES.map((name) => ({ name }))),
    BullBoardModule.forRootAsync({
      imports: [QueueBoardAuthModule],
      inject: [QueueBoardAuth],
      useFactory: (auth: QueueBoardAuth) => ({
        route: BOARD_ROUTE,
        // @bull-board/express 9.10.1 brings its own @bull-board/api 9.10.1 (the board is 9.10.2): same shape, separate declarations.
        adapter: ExpressAdapter as unknown as BullBoardModuleOptions['adapter'],
        middleware: auth.middleware(),
        boardOptions: { uiConfig: { boardTitle: 'Clockwork queues' } },
      }),
    }),
  ],
})
export class QueueBoardModule implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly env: Env,
    @Inject(BULL_BOARD_INSTANCE) private readonly board: { addQueue(queue: BullAdapter): void },
  ) {}

  /** The queues, each read-only unless configured otherwise (bull-board's forFeature has no per-deployment options). */
  onModuleInit(): void {
    for (const name of NAMES) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.board.addQueue(new BullAdapter(queue, { readOnlyMode: this.env.QUEUE_BOARD_READ_ONLY }));
    }
  }
}
