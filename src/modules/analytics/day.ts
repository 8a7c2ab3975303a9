/** Calendar days in a workspace's time zone, as 'YYYY-MM-DD' (what ticket_stat_daily is keyed by). */

const formats = new Map<string, Intl.DateTimeFormat>();

/** The day `at` falls on in `timeZone`. */
export function dayIn(timeZone: string, at: Date): string {
  let format = formats.get(timeZone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format.format(at);
}
