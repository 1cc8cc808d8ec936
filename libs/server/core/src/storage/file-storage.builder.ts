import type { Env } from '../config/environment.config';
import { FileStorage } from './file.storage';
import { LocalDiskStorage } from './local-disk.storage';

/**
 * The storage STORAGE_DRIVER names (the env is validated at boot: s3 has its settings). The S3
 * client (about 20 MB of memory) is loaded only when S3 is the driver.
 */
export function createFileStorage(env: Env): FileStorage {
  if (env.STORAGE_DRIVER === 's3') {
    const { S3Storage } = require('./s3.storage') as typeof import('./s3.storage');
    return new S3Storage({
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      endpoint: env.S3_ENDPOINT || undefined,
      accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalDiskStorage(env.ATTACHMENTS_DIR);
}
