// Crypto: field encryption, blind indexes, sealed columns and key rotation.
export * from './field.cipher';
export * from './blind-index.cipher';
export * from './crypto.module';
export * from './encrypted-columns.config';
export * from './encrypted-fields.cipher';
export * from './sealed-columns.cipher';
export * from './encrypted-columns.subscriber';
export * from './key-rotation.service';
export * from './key-rotation.module';
