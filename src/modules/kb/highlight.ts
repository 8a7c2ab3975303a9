/** Marked search text → safe HTML: everything escaped, the database's match markers turned into <mark>. */
import { FRAGMENT_GAP, MARK_END, MARK_START } from './search-repository.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Escapes the text, then turns the start/end markers into <mark>…</mark> (an unclosed mark is closed,
 * a stray end marker dropped) and fragment gaps into " … ".
 */
export function markedToHtml(marked: string): string {
  let open = false;
  let html = '';
  for (const part of escapeHtml(marked).split(/([\u0001\u0002\u0003])/)) {
    if (part === MARK_START) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === MARK_END) {
      if (open) html += '</mark>';
      open = false;
    } else if (part === FRAGMENT_GAP) {
      if (open) html += '</mark>';
      open = false;
      html += ' … ';
    } else {
      html += part.replace(/[\u0000-\u001f]/g, ' ');
    }
  }
  return open ? html + '</mark>' : html;
}
