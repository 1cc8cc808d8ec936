import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { OnModuleDestroy } from '@nestjs/common';
import { Readable } from 'node:stream';
import { FileStorage, PutOptions } from './file.storage';
import { assertSafeKey } from './storage-key.util';
import { StorageObjectNotFoundError } from './storage.errors';

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, R2, ...); undefined for AWS. */
  endpoint?: string;
  /** Both or neither: neither uses the SDK's default credential chain (IAM role, profile). */
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
}

/** Objects in one S3 (or S3-compatible) bucket, under the same keys as on local disk. */
export class S3Storage extends FileStorage implements OnModuleDestroy {
  readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    super();
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint || undefined,
      forcePathStyle: settings.forcePathStyle ?? false,
      credentials: settings.accessKeyId && settings.secretAccessKey ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } : undefined,
      // Checksums only where S3 requires them: the SDK's default (a CRC trailer in an aws-chunked
      // body) is not understood by every S3-compatible server, which would then store the chunk
      // framing with the bytes. Integrity is checked with our own SHA-256 instead (PutOptions).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Buffer | Readable, contentType: string, options: PutOptions = {}): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.settings.bucket,
        Key: assertSafeKey(key),
        Body: body,
        ContentType: contentType,
        ContentLength: options.size ?? (Buffer.isBuffer(body) ? body.length : undefined),
        ChecksumSHA256: options.sha256 ? Buffer.from(options.sha256, 'hex').toString('base64') : undefined,
      }),
    );
  }

  async get(key: string): Promise<Readable> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: assertSafeKey(key) }));
      return res.Body as Readable;
    } catch (e) {
      if (e instanceof NoSuchKey || (e as { name?: string }).name === 'NoSuchKey' || (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) {
        throw new StorageObjectNotFoundError(key);
      }
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: assertSafeKey(key) }));
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }
}
