import { BullAdapter } from '@bull-board/api/bullAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule, BullBoardModuleOptions } from '@bull-board/nestjs';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QUEUES } from '@clockwork/shared-jobs';
import { BOARD_ROUTE, QueuesBoardAuth } from './queues-board.auth';
import { QueuesBoardAuthModule } from './queues-board-auth.module';

const NAMES = Object.values(QUEUES);

/** Bull Board at /admin/queues (outside /api/v1), every queue of the product, admins only. */
@Module({
  imports: [
    BullModule.registerQueue(...NAMES.map((name) => ({ name }))),
    BullBoardModule.forRootAsync({
      imports: [QueuesBoardAuthModule],
      inject: [QueuesBoardAuth],
      useFactory: (auth: QueuesBoardAuth) => ({
        route: BOARD_ROUTE,
        // @bull-board/express 9.10.1 brings its own @bull-board/api 9.10.1 (the board is 9.10.2): same shape, separate declarations.
        adapter: ExpressAdapter as unknown as BullBoardModuleOptions['adapter'],
        middleware: auth.middleware(),
        boardOptions: { uiConfig: { boardTitle: 'Clockwork queues' } },
      }),
    }),
    BullBoardModule.forFeature(...NAMES.map((name) => ({ name, adapter: BullAdapter }))),
  ],
})
export class QueuesBoardModule {}
