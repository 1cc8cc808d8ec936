export * from './queue-board.module';
