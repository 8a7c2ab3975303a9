/**
 * Where the quoted history of a mail starts, so the conversation can fold it: the trailing block of
 * "> " lines, or the attribution line mail clients write above the quote — "On … wrote:" (Gmail,
 * Apple Mail, Thunderbird), "Am … schrieb …:" (the same clients in German), Outlook's "-----Original
 * Message-----" / "-----Ursprüngliche Nachricht-----" and its "From:/Von:" header block.
 */
const ATTRIBUTION = [
  /^On .+ wrote:$/,
  /^Am .+ schrieb.*:$/,
  /^-{2,}\s*(Original Message|Ursprüngliche Nachricht)\s*-{2,}$/i,
];
const OUTLOOK_FROM = /^(From|Von): .+/;
const OUTLOOK_NEXT = /^(Sent|Date|Gesendet|Datum|To|An): .+/;

function startsQuote(lines: string[], i: number): boolean {
  const line = lines[i]?.trim() ?? '';
  if (ATTRIBUTION.some((pattern) => pattern.test(line))) return true;
  if (OUTLOOK_FROM.test(line) && OUTLOOK_NEXT.test(lines[i + 1]?.trim() ?? '')) return true;
  // A block of "> " lines (and blank ones) that runs to the end.
  return line.startsWith('>') && lines.slice(i).every((l) => l.startsWith('>') || !l.trim());
}

/** The text, and the quoted history below it ('' when there is none, or when it is all a quote). */
export function splitQuoted(text: string): { body: string; quoted: string } {
  const lines = text.split('\n');
  const at = lines.findIndex((_, i) => startsQuote(lines, i));
  if (at <= 0) return { body: text, quoted: '' };
  return { body: lines.slice(0, at).join('\n').trimEnd(), quoted: lines.slice(at).join('\n') };
}
