/**
 * The SLA explanation in words, in the SLA's time zone: "Resolution due Tue 10:30 Berlin: 4 business
 * hours (SLA Gold) from Mon 15:30, paused 1 h while pending; open, 2 h left." Pure.
 */
import type { TicketStatus } from '../../db/schema.js';
import type { SlaResolution } from './resolve-sla.js';
import type { Target } from './targets.js';
import type { PauseSpan, TargetState } from './ticket-dues.js';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** 'Europe/Berlin' → 'Berlin', 'America/Argentina/Buenos_Aires' → 'Buenos Aires', 'UTC' → 'UTC'. */
export function zoneLabel(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}

/** 'Tue 10:30', or 'Tue 14 Jan 10:30' when `withDate`. */
export function localTime(date: Date, timeZone: string, withDate = false): string {
  const part: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(date)) part[p.type] = p.value;
  const clock = `${part.hour}:${part.minute}`;
  return withDate ? `${part.weekday} ${part.day} ${part.month} ${clock}` : `${part.weekday} ${clock}`;
}

/** '1 h', '2 h 30 min', '45 min', '20 s'. */
export function duration(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.round(total / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const STATUS_WORDS: Record<TicketStatus, string> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  on_hold: 'on hold',
  resolved: 'resolved',
  closed: 'closed',
  cancelled: 'cancelled',
};

export function statusWord(status: TicketStatus): string {
  return STATUS_WORDS[status];
}

/** Within a week of `from` a weekday names the day; further out the date is added. */
function near(from: Date, to: Date): boolean {
  return Math.abs(to.getTime() - from.getTime()) < 6 * 86_400_000;
}

export interface SentenceInput {
  label: 'First response' | 'Resolution';
  timezone: string;
  businessHours: boolean;
  target: Target;
  slaName: string | null;
  createdAt: Date;
  /** First instant the clock counted (the next opening when the ticket came in after hours). */
  countingFrom: Date;
  dueAt: Date;
  state: TargetState;
  /** Pauses that moved the due (resolution only). */
  pauses: PauseSpan[];
  /** When the target was met or the clock paused, with the status or event that did it. */
  reading: { at: Date; word: string } | null;
  /** Business seconds left (negative: over). */
  remainingSeconds: number;
}

function hoursText(target: Target, businessHours: boolean): string {
  const unit = target.hours === 1 ? 'hour' : 'hours';
  return businessHours ? `${target.hours} business ${unit}` : `${target.hours} ${unit} around the clock`;
}

function sourceText(target: Target, slaName: string | null): string {
  if (slaName === null) return 'priority target, no SLA';
  if (target.source === 'sla') return `SLA ${slaName}`;
  return `priority target, stricter than SLA ${slaName}’s ${target.sla_hours ?? ''} h`;
}

function pauseText(pauses: PauseSpan[]): string {
  const byStatus = new Map<TicketStatus, number>();
  for (const p of pauses) {
    if (p.end === null || p.businessSeconds <= 0) continue;
    byStatus.set(p.status, (byStatus.get(p.status) ?? 0) + p.businessSeconds);
  }
  if (byStatus.size === 0) return '';
  const parts = [...byStatus].map(([status, s]) => `${duration(s)} while ${statusWord(status)}`);
  return `, paused ${parts.join(' and ')}`;
}

function stateText(input: SentenceInput, when: (d: Date) => string): string {
  const { state, reading, remainingSeconds } = input;
  const left = `${duration(remainingSeconds)} left`;
  const over = `${duration(remainingSeconds)} overdue`;
  const at = reading ? `${reading.word} ${when(reading.at)}` : '';
  switch (state) {
    case 'met':
      return `${at}, in time`;
    case 'breached':
      if (reading) return `${at}, ${duration(remainingSeconds)} late`;
      return input.label === 'First response' ? `not answered yet, ${over}` : `still open, ${over}`;
    case 'paused':
      return `${reading ? `${reading.word} since ${when(reading.at)}` : 'paused'}, ${left}`;
    case 'running':
      return input.label === 'First response' ? `not answered yet, ${left}` : `open, ${left}`;
  }
}

/** One sentence explaining a target's due time and where it stands. */
export function targetSentence(input: SentenceInput): string {
  const { timezone } = input;
  const when = (d: Date) => localTime(d, timezone, !near(input.createdAt, d));
  const from =
    input.countingFrom.getTime() > input.createdAt.getTime()
      ? `${when(input.countingFrom)} (opened ${when(input.createdAt)})`
      : when(input.createdAt);
  return (
    `${input.label} due ${when(input.dueAt)} ${zoneLabel(timezone)}: ` +
    `${hoursText(input.target, input.businessHours)} (${sourceText(input.target, input.slaName)}) ` +
    `from ${from}${pauseText(input.pauses)}; ${stateText(input, when)}.`
  );
}

/** Which SLA applies and why, in one sentence. */
export function slaSentence(resolution: SlaResolution, workspaceTimezone: string): string {
  const skipped = resolution.skipped
    .map(
      (s) =>
        ` SLA ${s.name} (${s.source === 'ticket' ? 'set on the ticket' : `the ${s.source}’s`}) is inactive and was skipped.`,
    )
    .join('');
  const category = resolution.category;
  const name = resolution.sla?.name ?? '';
  switch (resolution.source) {
    case 'ticket':
      return `SLA ${name} applies: it was set on this ticket.${skipped}`;
    case 'category':
      return `SLA ${name} applies: it is the SLA of category ${category?.name ?? ''}.${skipped}`;
    case 'default': {
      const categorySkipped = resolution.skipped.some((s) => s.source === 'category');
      const why = !category
        ? 'the ticket has no category'
        : `category ${category.name} has ${categorySkipped ? 'only an inactive' : 'no'} SLA`;
      return `SLA ${name} applies: it is the workspace default (${why}).${skipped}`;
    }
    case 'none':
      return (
        `No SLA applies (none on the ticket or its category, and no active default): the priority’s ` +
        `targets run around the clock in ${zoneLabel(workspaceTimezone)} time.${skipped}`
      );
  }
}
