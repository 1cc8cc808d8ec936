// Storage: where stored files live (local disk or S3), under keys the application builds.
// S3Storage is not exported: createFileStorage loads it (and the S3 client) only for STORAGE_DRIVER=s3.
export * from './file.storage';
export * from './storage.errors';
export * from './storage-key.util';
export * from './local-disk.storage';
export * from './file-storage.builder';
export * from './storage.module';
