import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, describe, expect, it } from 'vitest';
import { createDiskStorage } from './disk-storage.js';
import { InvalidStorageKeyError } from './storage.js';

const dir = mkdtempSync(path.join(tmpdir(), 'bfg2-disk-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const storage = createDiskStorage(dir);

function tempFile(content: string): { file: string; sha256: string } {
  const file = path.join(dir, `upload-${Math.random()}`);
  writeFileSync(file, content);
  return { file, sha256: createHash('sha256').update(content).digest('hex') };
}

describe('disk storage', () => {
  it('stores by content address, once', async () => {
    const first = tempFile('hello');
    const key = await storage.put(first.file, first.sha256);
    expect(key).toBe(first.sha256);
    const second = tempFile('hello');
    expect(await storage.put(second.file, second.sha256)).toBe(key);
    expect(readdirSync(path.join(dir, 'attachments', key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
    expect(readdirSync(dir).filter((f) => f.startsWith('upload-'))).toEqual([]);
    expect(await storage.exists(key)).toBe(true);
    expect(await storage.size(key)).toBe(5);
    expect(await text(storage.openRead(key))).toBe('hello');
    expect(await storage.exists('0'.repeat(64))).toBe(false);
  });

  it('refuses any key that is not a sha256', async () => {
    for (const key of ['../x', '../../etc/passwd', 'A'.repeat(64), `${'a'.repeat(63)}/`, '']) {
      expect(() => storage.openRead(key)).toThrow(InvalidStorageKeyError);
      await expect(storage.exists(key)).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.size(key)).rejects.toThrow(InvalidStorageKeyError);
      await expect(storage.put(path.join(dir, 'nothing'), key)).rejects.toThrow(InvalidStorageKeyError);
    }
  });
});
