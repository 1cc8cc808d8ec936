import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileStorage, PutOptions } from './file.storage';
import { assertSafeKey } from './storage-key.util';
import { StorageObjectNotFoundError, UnsafeStorageKeyError } from './storage.errors';

/**
 * Objects as files under one folder (ATTACHMENTS_DIR), one file per key. A write goes to a
 * temporary file that is renamed into place, so a reader never sees half an object.
 */
export class LocalDiskStorage extends FileStorage {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  /** The file of a key; refuses any key that is not plain segments or resolves outside the root. */
  pathOf(key: string): string {
    assertSafeKey(key);
    const path = resolve(this.root, ...key.split('/'));
    const rel = relative(this.root, path);
    if (!rel || rel.startsWith('..') || isAbsolute(rel) || !path.startsWith(this.root + sep)) throw new UnsafeStorageKeyError(key);
    return path;
  }

  async put(key: string, body: Buffer | Readable, _contentType: string, _options?: PutOptions): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const temp = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temp, { flags: 'wx', flush: true }));
      await rename(temp, path);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    try {
      const handle = await open(path, 'r');
      return handle.createReadStream();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageObjectNotFoundError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
