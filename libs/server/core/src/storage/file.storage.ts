import type { Readable } from 'node:stream';

export interface PutOptions {
  /** Byte length of the body (lets S3 take a stream without buffering it). */
  size?: number;
  /** Hex SHA-256 of the body; a store that can verify it (S3) refuses bytes that do not match. */
  sha256?: string;
}

/**
 * Where attachment bytes live, under keys the application builds (never from user input; see
 * storage-key.util.ts). Chosen by STORAGE_DRIVER: LocalDiskStorage or S3Storage. Also the DI token.
 */
export abstract class FileStorage {
  /** Stores the object, replacing any object of the same key; resolves once it is durable. */
  abstract put(key: string, body: Buffer | Readable, contentType: string, options?: PutOptions): Promise<void>;

  /** The object's bytes; rejects with StorageObjectNotFoundError when there is none. */
  abstract get(key: string): Promise<Readable>;

  /** Removes the object; removing one that does not exist is not an error. */
  abstract delete(key: string): Promise<void>;
}
