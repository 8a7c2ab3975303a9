/**
 * "Updated since you looked": when an agent opens a ticket its updated_at is remembered (this browser,
 * localStorage); a row whose ticket changed after that shows the marker. The last inbox's order is kept
 * too, so j/k on a ticket page walk to the next and previous ticket of the list the agent came from.
 */
const KEY = 'bfg2-support.seen';
const MAX = 2000;

function load(): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Remembers that the agent saw `ticket` as of `updatedAt`. */
export function markSeen(ticket: string, updatedAt: string | undefined): void {
  if (!updatedAt) return;
  const seen = load();
  seen[ticket] = updatedAt;
  const entries = Object.entries(seen);
  const kept = entries.length > MAX ? Object.fromEntries(entries.slice(entries.length - MAX)) : seen;
  localStorage.setItem(KEY, JSON.stringify(kept));
}

/**
 * Whether the agent has looked at a ticket before and it changed since — for a whole list: the remembered
 * tickets (up to 2,000) are read and parsed once, not once a row.
 */
export function changedSinceSeen(): (ticket: string, updatedAt: string | undefined) => boolean {
  const seen = load();
  return (ticket, updatedAt) => {
    const at = seen[ticket];
    return Boolean(at && updatedAt && Date.parse(updatedAt) > Date.parse(at));
  };
}

let lastOrder: string[] = [];

export function rememberInboxOrder(numbers: string[]): void {
  lastOrder = numbers;
}

/** The ticket `step` places from `current` in the last inbox shown, if any. */
export function neighbour(current: string, step: 1 | -1): string | null {
  const at = lastOrder.indexOf(current);
  if (at < 0) return null;
  return lastOrder[at + step] ?? null;
}
