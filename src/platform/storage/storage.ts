/**
 * Where attachment contents live. Keys are content addresses (the sha256 of the bytes, 64 lowercase hex
 * characters): never a path or name from a client, so a key cannot point outside the store, and a file
 * uploaded twice is stored once. The disk store (disk-storage.ts) is the default; an S3-compatible store
 * can implement the same interface later (put = PUT object under the key, openRead = GET stream, exists /
 * size = HEAD).
 */
import type { Readable } from 'node:stream';

export interface Storage {
  /**
   * Moves the finished temp file into the store under its content address and returns the key. The caller
   * computed `sha256` while receiving the bytes. Storing content that is already there is a no-op.
   */
  put(tempPath: string, sha256: string): Promise<string>;
  /** The stored bytes; fails for a malformed key. */
  openRead(key: string): Readable;
  exists(key: string): Promise<boolean>;
  /** Size in bytes; fails when the key is malformed or absent. */
  size(key: string): Promise<number>;
}

const KEY = /^[a-f0-9]{64}$/;

export class InvalidStorageKeyError extends Error {
  override name = 'InvalidStorageKeyError';
  constructor(key: string) {
    super(`not a storage key: ${JSON.stringify(key.slice(0, 80))}`);
  }
}

/** Throws unless key is a sha256 content address (the only keys a store accepts). */
export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new InvalidStorageKeyError(key);
}
