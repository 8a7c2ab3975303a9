/**
 * The SLA as one complete set of settings, and the checks every write makes on it: the calendar is
 * valid (validateCalendar: a known IANA zone, start ≠ end, weekdays 1–7, real holiday dates), holiday
 * dates are unique, the default is active, the escalation team exists in the workspace.
 */
import type { SlaHoliday } from '../../db/schema.js';
import type { Tx } from '../../db/tenant.js';
import { AppError, invalid, type FieldError } from '../../platform/errors.js';
import { validateCalendar } from './calendar.js';
import type { SlaRow } from './repository.js';
import { teamExists } from '../workspaces/index.js';
import { calendarOf } from './targets.js';

export interface HolidayInput {
  date: string;
  name?: string;
  recurring?: boolean;
}

/** A create/update body (PATCH: omitted = unchanged). */
export interface SlaInput {
  name?: string;
  description?: string;
  first_response_hours?: number;
  resolution_hours?: number;
  uses_business_hours?: boolean;
  business_hours_start?: string;
  business_hours_end?: string;
  business_days?: number[];
  timezone?: string;
  warning_percent?: number;
  holidays?: HolidayInput[];
  escalate_on_breach?: boolean;
  escalation_team?: number | null;
  is_active?: boolean;
  is_default?: boolean;
}

export interface SlaSettings {
  name: string;
  description: string;
  first_response_hours: number;
  resolution_hours: number;
  uses_business_hours: boolean;
  /** 'HH:MM:SS' */
  business_hours_start: string;
  business_hours_end: string;
  business_days: number[];
  timezone: string;
  warning_percent: number;
  holidays: { date: string; name: string; recurring: boolean }[];
  escalate_on_breach: boolean;
  escalation_team_id: number | null;
  is_active: boolean;
  is_default: boolean;
}

/** 'HH:MM' → 'HH:MM:SS', as the time column stores it. */
function fullTime(value: string): string {
  return value.length === 5 ? `${value}:00` : value;
}

/** The settings of a new SLA before its body is applied (the seed's defaults, the workspace's zone). */
export function defaultSettings(workspaceTimezone: string): SlaSettings {
  return {
    name: '',
    description: '',
    first_response_hours: 24,
    resolution_hours: 72,
    uses_business_hours: true,
    business_hours_start: '09:00:00',
    business_hours_end: '17:00:00',
    business_days: [1, 2, 3, 4, 5],
    timezone: workspaceTimezone,
    warning_percent: 80,
    holidays: [],
    escalate_on_breach: true,
    escalation_team_id: null,
    is_active: true,
    is_default: false,
  };
}

export function settingsOf(row: SlaRow, holidays: SlaHoliday[]): SlaSettings {
  return {
    name: row.name,
    description: row.description,
    first_response_hours: row.first_response_hours,
    resolution_hours: row.resolution_hours,
    uses_business_hours: row.uses_business_hours,
    business_hours_start: row.business_hours_start,
    business_hours_end: row.business_hours_end,
    business_days: row.business_days,
    timezone: row.timezone,
    warning_percent: row.warning_percent,
    holidays: holidays.map((h) => ({ date: h.date, name: h.name, recurring: h.recurring })),
    escalate_on_breach: row.escalate_on_breach,
    escalation_team_id: row.escalation_team_id,
    is_active: row.is_active,
    is_default: row.is_default,
  };
}

/** The settings with the input applied. */
export function applyInput(base: SlaSettings, input: SlaInput): SlaSettings {
  const next = { ...base };
  if (input.name !== undefined) next.name = input.name.trim();
  if (input.description !== undefined) next.description = input.description;
  if (input.first_response_hours !== undefined) next.first_response_hours = input.first_response_hours;
  if (input.resolution_hours !== undefined) next.resolution_hours = input.resolution_hours;
  if (input.uses_business_hours !== undefined) next.uses_business_hours = input.uses_business_hours;
  if (input.business_hours_start !== undefined)
    next.business_hours_start = fullTime(input.business_hours_start);
  if (input.business_hours_end !== undefined) next.business_hours_end = fullTime(input.business_hours_end);
  if (input.business_days !== undefined) next.business_days = [...input.business_days].sort((a, b) => a - b);
  if (input.timezone !== undefined) next.timezone = input.timezone;
  if (input.warning_percent !== undefined) next.warning_percent = input.warning_percent;
  if (input.holidays !== undefined) {
    next.holidays = input.holidays
      .map((h) => ({ date: h.date, name: (h.name ?? '').trim(), recurring: h.recurring ?? false }))
      .sort((a, b) => a.date.localeCompare(b.date));
  }
  if (input.escalate_on_breach !== undefined) next.escalate_on_breach = input.escalate_on_breach;
  if (input.escalation_team !== undefined) next.escalation_team_id = input.escalation_team;
  if (input.is_active !== undefined) next.is_active = input.is_active;
  if (input.is_default !== undefined) next.is_default = input.is_default;
  return next;
}

const CALENDAR_PATHS: Record<string, string> = {
  businessDays: 'business_days',
  start: 'business_hours_start',
  end: 'business_hours_end',
};

function apiPath(path: string): string {
  const [head = '', ...rest] = path.split('/');
  return [CALENDAR_PATHS[head] ?? head, ...rest].join('/');
}

/** Checks the complete settings; 400 with every problem found. */
export async function checkSettings(tx: Tx, workspaceId: number, settings: SlaSettings): Promise<void> {
  const errors: FieldError[] = [];
  if (!settings.name) errors.push({ path: 'name', message: 'must not be blank' });
  try {
    validateCalendar(calendarOf({ ...settings, id: 0, is_active: true }));
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
    for (const e of err.extra.errors ?? []) errors.push({ path: apiPath(e.path), message: e.message });
  }
  const seen = new Set<string>();
  settings.holidays.forEach((h, index) => {
    if (seen.has(h.date)) errors.push({ path: `holidays/${index}/date`, message: 'is listed twice' });
    seen.add(h.date);
  });
  if (settings.is_default && !settings.is_active) {
    errors.push({ path: 'is_default', message: 'an inactive SLA cannot be the workspace default' });
  }
  if (errors.length > 0) {
    throw new AppError('VALIDATION_FAILED', errors.map((e) => `${e.path} ${e.message}`).join('; '), {
      errors,
    });
  }
  if (
    settings.escalation_team_id !== null &&
    !(await teamExists(tx, workspaceId, settings.escalation_team_id))
  ) {
    throw invalid('escalation_team', 'no such team');
  }
}

/** Whether the change alters how dues are computed (targets, calendar, holidays, warning share). */
export function clockChanged(a: SlaSettings, b: SlaSettings): boolean {
  const clock = (s: SlaSettings) =>
    JSON.stringify([
      s.first_response_hours,
      s.resolution_hours,
      s.uses_business_hours,
      s.business_hours_start,
      s.business_hours_end,
      s.business_days,
      s.timezone,
      s.warning_percent,
      s.holidays.map((h) => [h.date, h.recurring]),
    ]);
  return clock(a) !== clock(b);
}

/** Whether the change alters which tickets the SLA applies to (active, default). */
export function reachChanged(a: SlaSettings, b: SlaSettings): boolean {
  return a.is_active !== b.is_active || a.is_default !== b.is_default;
}
