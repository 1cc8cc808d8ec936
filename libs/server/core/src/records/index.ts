// Records: one transaction with the audit row and the event of each write, versioned updates,
// and the list and get every record service shares.
export * from './record.mapper';
export * from './record.writer';
export * from './record-reads.service';
export * from './records.module';
