/**
 * Client filenames are display names only (the stored key is the content hash), but they end up in
 * headers, lists and other people's downloads folders, so they are cleaned: no directories, no control or
 * bidirectional-override characters, none of the characters Windows reserves, at most 255 characters with
 * the extension kept.
 */
const MAX_LENGTH = 255;
const FALLBACK = 'attachment';
// C0/C1 controls, and the Unicode format characters that can disguise an extension (e.g. U+202E).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff<>:"|?*]/g;

function truncateKeepingExtension(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length === 0 || ext.length > 20) return chars.slice(0, MAX_LENGTH).join('');
  const base = Array.from(name.slice(0, dot));
  return base.slice(0, MAX_LENGTH - ext.length).join('') + ext.join('');
}

/** A safe display filename for what the client sent; "attachment" when nothing usable is left. */
export function sanitizeFilename(raw: string | undefined): string {
  const lastSegment = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .replace(UNSAFE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  return cleaned.length === 0 ? FALLBACK : truncateKeepingExtension(cleaned);
}
