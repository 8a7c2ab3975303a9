/**
 * The few header facts needed before (or besides) a full parse: the Message-ID the raw mail is stored
 * under, and the loop/bounce headers exactly as they were sent. Reads only the header block.
 */
import { createHash } from 'node:crypto';

/** The unfolded header fields of the raw mail, names lower-cased, in order. */
export function rawHeaderFields(
  raw: Buffer,
  encoding: 'latin1' | 'utf8' = 'latin1',
): { name: string; value: string }[] {
  const limit = Math.min(raw.length, 256 * 1024);
  const head = raw.subarray(0, limit).toString(encoding);
  const end = head.search(/\r?\n\r?\n/);
  const block = end === -1 ? head : head.slice(0, end);
  const fields: { name: string; value: string }[] = [];
  for (const line of block.split(/\r?\n/)) {
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += ' ' + line.trim();
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return fields;
}

/** The first value of a header, or undefined. */
export function headerValue(fields: { name: string; value: string }[], name: string): string | undefined {
  return fields.find((f) => f.name === name)?.value;
}

/**
 * The mail's Message-ID (`<…>`), or a stable one made from its bytes when it has none (so a redelivery of
 * the same bytes is still the same mail).
 */
export function messageIdOf(raw: Buffer, fields = rawHeaderFields(raw)): string {
  const value = headerValue(fields, 'message-id');
  const match = value ? /<[^<>\s]{1,900}>/.exec(value) : null;
  if (match) return match[0];
  const bare = value?.trim();
  if (bare && bare.length <= 900 && !/\s/.test(bare)) return `<${bare}>`;
  return `<${createHash('sha256').update(raw).digest('hex')}@no-message-id.invalid>`;
}
