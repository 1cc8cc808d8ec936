export * from './lib/tasks.module';
export * from './lib/tasks.repository';
export * from './lib/tasks.service';
export * from './lib/task.mapper';
export * from './lib/task.rules';
