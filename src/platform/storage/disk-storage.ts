/**
 * The default store: files under `<dataDir>/attachments/<aa>/<bb>/<sha256>`. Writes are atomic: the bytes
 * reach their final name by rename(), so a reader never sees half a file, and two uploads of the same
 * content at the same time both end with the one complete copy.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { assertStorageKey, type Storage } from './storage.js';

function isNodeError(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

/** A Storage on the local disk, rooted at `<dataDir>/attachments`. */
export function createDiskStorage(dataDir: string): Storage {
  const root = path.join(dataDir, 'attachments');
  const pathOf = (key: string): string => {
    assertStorageKey(key);
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };

  const exists = async (key: string): Promise<boolean> => {
    try {
      return (await stat(pathOf(key))).isFile();
    } catch (err) {
      if (isNodeError(err, 'ENOENT')) return false;
      throw err;
    }
  };

  return {
    async put(tempPath, sha256) {
      const target = pathOf(sha256);
      if (await exists(sha256)) {
        await rm(tempPath, { force: true });
        return sha256;
      }
      await mkdir(path.dirname(target), { recursive: true });
      try {
        await rename(tempPath, target);
      } catch (err) {
        if (!isNodeError(err, 'EXDEV')) throw err;
        // The temp file is on another filesystem: copy it beside the target first, then rename there.
        const staging = `${target}.${randomUUID()}.tmp`;
        try {
          await copyFile(tempPath, staging);
          await rename(staging, target);
        } finally {
          await rm(staging, { force: true });
        }
        await rm(tempPath, { force: true });
      }
      return sha256;
    },
    openRead(key): Readable {
      return createReadStream(pathOf(key));
    },
    exists,
    async size(key) {
      return (await stat(pathOf(key))).size;
    },
  };
}
