/**
 * Response headers of a download. Uploaded content is hostile until proven otherwise: it is sent as an
 * attachment (inline only for raster images), with its sniffed type, no sniffing by the browser, no caching
 * by shared caches, and a CSP that forbids anything active should a browser render it anyway.
 */
import { INLINE_SAFE_TYPES } from './sniff.js';

/** RFC 8187 encoding of a header parameter value. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Content-Disposition with an ASCII fallback name and the exact UTF-8 name. */
export function contentDisposition(filename: string, inline: boolean): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(filename)}`;
}

/** All headers of the download response. */
export function downloadHeaders(file: { filename: string; mime_type: string }, size: number) {
  return {
    'content-type': file.mime_type,
    'content-length': String(size),
    'content-disposition': contentDisposition(file.filename, INLINE_SAFE_TYPES.has(file.mime_type)),
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, no-store',
    'content-security-policy': "default-src 'none'; sandbox",
  };
}
