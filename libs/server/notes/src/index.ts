export * from './lib/notes.module';
export * from './lib/notes.repository';
export * from './lib/notes.service';
export * from './lib/note.mapper';
export * from './lib/parent-records.module';
export * from './lib/parent-records.service';
export * from './lib/record-child.policy';
