import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from './local-disk.storage';
import { assertSafeKey, attachmentKey } from './storage-key.util';
import { StorageObjectNotFoundError, UnsafeStorageKeyError } from './storage.errors';

const ORG = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const ID = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a6c';
const read = async (s: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

describe('storage keys', () => {
  it('are <organization_id>/<attachment_id> built from ids only', () => {
    expect(attachmentKey(ORG, ID)).toBe(`${ORG}/${ID}`);
    expect(attachmentKey(ORG.toUpperCase(), ID)).toBe(`${ORG}/${ID}`);
    expect(() => attachmentKey(ORG, '../../etc/passwd')).toThrow(UnsafeStorageKeyError);
    expect(() => attachmentKey('..', ID)).toThrow(UnsafeStorageKeyError);
  });

  it('refuses anything but plain segments', () => {
    for (const bad of ['', '/abs', 'a//b', 'a/../b', '..', '.', 'a/./b', 'a\\b', 'a/b/', 'a\0b', '.hidden', 'a/b c', 'a%2e%2e', 'x'.repeat(200), 'a/b/c/d/e/f/g/h/i']) {
      expect(() => assertSafeKey(bad)).toThrow(UnsafeStorageKeyError);
    }
    expect(assertSafeKey('imports/abc_1-2')).toBe('imports/abc_1-2');
  });
});

describe('LocalDiskStorage', () => {
  let root: string;
  let storage: LocalDiskStorage;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ck-storage-'));
    storage = new LocalDiskStorage(join(root, 'files'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores buffers and streams under the root and reads them back byte for byte', async () => {
    const key = attachmentKey(ORG, ID);
    const bytes = Buffer.from(Array.from({ length: 70000 }, (_, i) => i % 256));
    await storage.put(key, Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), 'application/zip');
    expect(await readFile(join(root, 'files', ORG, ID))).toEqual(bytes);
    expect(await read(await storage.get(key))).toEqual(bytes);
    await storage.put(key, Buffer.from('replaced'), 'text/plain');
    expect((await read(await storage.get(key))).toString()).toBe('replaced');
    expect(readdirSync(join(root, 'files', ORG))).toEqual([ID]);
  });

  it('says when an object is missing, and deleting twice is fine', async () => {
    const key = attachmentKey(ORG, ID);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageObjectNotFoundError);
    await storage.put(key, Buffer.from('x'), 'text/plain');
    await storage.delete(key);
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toBeInstanceOf(StorageObjectNotFoundError);
  });

  it('never touches a path outside its root', async () => {
    for (const key of ['../outside', '../../etc/passwd', '/etc/passwd', 'a/../../b']) {
      await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(UnsafeStorageKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(UnsafeStorageKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(UnsafeStorageKeyError);
    }
    expect(existsSync(join(root, 'outside'))).toBe(false);
  });

  it('leaves no partial file behind when the source stream fails', async () => {
    const key = attachmentKey(ORG, ID);
    const failing = new Readable({
      read() {
        this.push(Buffer.from('half'));
        this.destroy(new Error('client went away'));
      },
    });
    await expect(storage.put(key, failing, 'text/plain')).rejects.toThrow('client went away');
    expect(readdirSync(join(root, 'files', ORG))).toEqual([]);
  });
});
