/** The storage has no object under this key. */
export class StorageObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored object under key ${key}`);
    this.name = 'StorageObjectNotFoundError';
  }
}

/** A key that is not made of plain segments (could reach outside the store). */
export class UnsafeStorageKeyError extends Error {
  constructor(key: string) {
    super(`Unsafe storage key: ${JSON.stringify(key.slice(0, 200))}`);
    this.name = 'UnsafeStorageKeyError';
  }
}
