// Storage: where stored files live (local disk or S3), under keys the application builds.
export * from './file.storage';
export * from './storage.errors';
export * from './storage-key.util';
export * from './local-disk.storage';
export * from './s3.storage';
export * from './file-storage.builder';
export * from './storage.module';
