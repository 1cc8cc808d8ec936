// Crypto: field encryption, blind indexes, sealed columns and key rotation.
export * from './field-cipher';
export * from './blind-index';
export * from './crypto.module';
export * from './encrypted-columns';
export * from './encrypted-fields';
export * from './sealed-columns';
export * from './encrypted-columns.subscriber';
export * from './key-rotation.service';
export * from './key-rotation.module';
