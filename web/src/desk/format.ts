/** Formatting the desk shares: durations, SLA state of a ticket, sizes, dates. */
import type { TicketSummary } from '../api/types';

const FINISHED = new Set(['resolved', 'closed', 'cancelled']);

/** "2 h 05 min", "3 d 4 h", "45 s": a duration short enough for a table cell. */
export function duration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d} d ${h} h`;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

export type SlaTone = 'none' | 'ok' | 'warning' | 'breached' | 'paused' | 'met';

export interface SlaState {
  tone: SlaTone;
  /** Which target the countdown is for. */
  target: 'response' | 'resolution' | null;
  /** Milliseconds until due (negative: overdue); null when there is no countdown. */
  remaining: number | null;
}

type SlaFields = Pick<
  TicketSummary,
  | 'status'
  | 'first_response_at'
  | 'response_due_at'
  | 'resolution_due_at'
  | 'response_warning_at'
  | 'resolution_warning_at'
  | 'response_breached'
  | 'resolution_breached'
  | 'sla_paused_at'
>;

/** The SLA countdown a ticket shows: the first response while none was sent, then the resolution. */
export function slaState(ticket: SlaFields, now: number): SlaState {
  if (FINISHED.has(ticket.status ?? '')) return { tone: 'met', target: null, remaining: null };
  if (ticket.sla_paused_at) return { tone: 'paused', target: null, remaining: null };
  const response = !ticket.first_response_at && ticket.response_due_at;
  const due = response ? ticket.response_due_at : ticket.resolution_due_at;
  const warning = response ? ticket.response_warning_at : ticket.resolution_warning_at;
  const breached = response ? ticket.response_breached : ticket.resolution_breached;
  if (!due) return { tone: 'none', target: null, remaining: null };
  const remaining = Date.parse(due) - now;
  const tone: SlaTone =
    breached || remaining <= 0 ? 'breached' : warning && Date.parse(warning) <= now ? 'warning' : 'ok';
  return { tone, target: response ? 'response' : 'resolution', remaining };
}

/** "12.4 kB": a file size. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

// Building an Intl formatter costs far more than formatting with one (a cold inbox of 50 rows built
// 100 of them): one per language, kept.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function once<T>(cache: Map<string, T>, language: string, make: () => T): T {
  let made = cache.get(language);
  if (!made) cache.set(language, (made = make()));
  return made;
}

/** A date and time in the UI's language. */
export function dateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '';
  const format = once(
    dateTimeFormats,
    language,
    () => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }),
  );
  return format.format(new Date(iso));
}

/** "5 min ago" in the UI's language. */
export function ago(iso: string | null | undefined, now: number, language: string): string {
  if (!iso) return '';
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  const rtf = once(
    relativeFormats,
    language,
    () => new Intl.RelativeTimeFormat(language, { numeric: 'auto', style: 'short' }),
  );
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}
