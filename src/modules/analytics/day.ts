/** Calendar days in a workspace's time zone, as 'YYYY-MM-DD' (what ticket_stat_daily is keyed by). */

/** Every UTC offset in use today is a multiple of 15 minutes, and so is every change between them. */
const SLOT_MS = 15 * 60_000;
const MAX_CACHED_SLOTS = 250_000;

interface Zone {
  format: Intl.DateTimeFormat;
  /** 15-minute slot → the day of every instant in it (only slots that do not straddle a midnight). */
  slots: Map<number, string>;
}
const zones = new Map<string, Zone>();

function zone(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (!z) {
    // en-CA writes dates as YYYY-MM-DD.
    const format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    zones.set(timeZone, (z = { format, slots: new Map() }));
  }
  return z;
}

/**
 * The day `at` falls on in `timeZone`. Formatting is the costly part of a rebuild (a million tickets make
 * tens of millions of calls), so the day of each 15-minute slot is remembered — only when the slot's first
 * and last millisecond fall on the same day, so an odd historical offset (a slot with a midnight inside)
 * is still formatted exactly, instant by instant.
 */
export function dayIn(timeZone: string, at: Date): string {
  const z = zone(timeZone);
  const ms = at.getTime();
  const slot = Math.floor(ms / SLOT_MS);
  const cached = z.slots.get(slot);
  if (cached !== undefined) return cached;
  const day = z.format.format(at);
  const start = slot * SLOT_MS;
  if (z.format.format(start) === day && z.format.format(start + SLOT_MS - 1) === day) {
    if (z.slots.size >= MAX_CACHED_SLOTS) z.slots.clear();
    z.slots.set(slot, day);
  }
  return day;
}
