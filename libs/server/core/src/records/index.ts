// Records: one transaction with the audit row and the event of each write, versioned updates.
export * from './record.mapper';
export * from './record.writer';
export * from './records.module';
