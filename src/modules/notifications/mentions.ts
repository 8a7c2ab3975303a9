/**
 * `@name` mentions in internal notes. A staff member's handle is the local part of their email address,
 * lower-cased: dana.kraus@example.com is `@dana.kraus`. Handles are matched case-insensitively; a handle
 * shared by several members (dana@a.example, dana@b.example) mentions each of them. An address in the
 * text (someone@example.com) is not a mention: the @ must not follow a letter, digit, dot or @.
 */
const MENTION = /(?<![\w.@])@([a-z0-9][a-z0-9._+-]*)/gi;

/** The handle of a member with this email address. */
export function handleOf(email: string): string {
  return (email.split('@')[0] ?? '').toLowerCase();
}

/** The distinct handles mentioned in the text (trailing dots, as at the end of a sentence, dropped). */
export function mentionedHandles(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const handle = (match[1] ?? '').replace(/[.]+$/, '').toLowerCase();
    if (handle) found.add(handle);
  }
  return [...found];
}
