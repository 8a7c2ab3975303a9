/**
 * The stored type of an upload comes from its content, never from what the client claims: the magic
 * bytes (file-type), else text/plain for valid UTF-8 without NULs, else application/octet-stream.
 */
import { fileTypeFromFile } from 'file-type';

export const OCTET_STREAM = 'application/octet-stream';

/** MIME type of the file at path; `isText` is what the receiver saw while streaming the bytes. */
export async function sniffMimeType(filePath: string, isText: boolean): Promise<string> {
  const detected = await fileTypeFromFile(filePath);
  if (detected) return detected.mime;
  return isText ? 'text/plain' : OCTET_STREAM;
}

/** Types a browser may render inline without risk (raster images only: no SVG, HTML or PDF). */
export const INLINE_SAFE_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);
