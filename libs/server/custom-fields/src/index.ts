export * from './lib/custom-fields.module';
export * from './lib/custom-fields.validator';
export * from './lib/custom-field-record-reads.service';
export * from './lib/custom-fields.repository';
export * from './lib/custom-field-value.rules';
export * from './lib/custom-fields-worker.module';
export * from './lib/custom-field-filter.builder';
export * from './lib/custom-field-csv.rules';
