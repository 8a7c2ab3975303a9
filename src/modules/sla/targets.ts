/**
 * What a ticket is held to: the SLA's calendar and the effective targets. Pure.
 *
 * - The effective first-response and resolution targets are the stricter (smaller) of the SLA's hours
 *   and the priority's response_hours / resolution_hours, both counted on the SLA's calendar (so an
 *   "Urgent: 2 h" priority under a business-hours SLA means 2 business hours).
 * - No SLA at all: the priority's hours on a 24×7 clock in the workspace's time zone, warning at 80 %
 *   (the column default). Priorities are documented as wall-clock targets, so that is what they mean
 *   when no SLA refines them.
 */
import type { BusinessCalendar } from './calendar.js';

export const SECONDS_PER_HOUR = 3_600;
/** Warning share used when no SLA applies (the slas.warning_percent default). */
export const DEFAULT_WARNING_PERCENT = 80;

/** The SLA fields the clock needs, with its holidays. */
export interface SlaTerms {
  id: number;
  name: string;
  first_response_hours: number;
  resolution_hours: number;
  uses_business_hours: boolean;
  business_hours_start: string;
  business_hours_end: string;
  business_days: number[];
  timezone: string;
  warning_percent: number;
  is_active: boolean;
  holidays: { date: string; recurring: boolean }[];
}

export interface PriorityTerms {
  id: number;
  code: string;
  name: string;
  response_hours: number;
  resolution_hours: number;
}

export interface Target {
  hours: number;
  seconds: number;
  /** Which side was stricter ('sla' also when both are equal). */
  source: 'sla' | 'priority';
  sla_hours: number | null;
  priority_hours: number;
}

export interface Terms {
  calendar: BusinessCalendar;
  warningPercent: number;
  response: Target;
  resolution: Target;
}

/** The business calendar of an SLA. */
export function calendarOf(sla: SlaTerms): BusinessCalendar {
  return {
    timezone: sla.timezone,
    businessDays: sla.business_days,
    start: sla.business_hours_start,
    end: sla.business_hours_end,
    holidays: sla.holidays.map((h) => ({ date: h.date, recurring: h.recurring })),
    usesBusinessHours: sla.uses_business_hours,
  };
}

const aroundTheClock = new Map<string, BusinessCalendar>();

/** The 24×7 calendar of a time zone (one shared object per zone, so the clock's cache is hit). */
export function calendar24x7(timezone: string): BusinessCalendar {
  let calendar = aroundTheClock.get(timezone);
  if (!calendar) {
    calendar = {
      timezone,
      businessDays: [1, 2, 3, 4, 5, 6, 7],
      start: '00:00',
      end: '24:00',
      holidays: [],
      usesBusinessHours: false,
    };
    aroundTheClock.set(timezone, calendar);
  }
  return calendar;
}

function target(slaHours: number | null, priorityHours: number): Target {
  const slaWins = slaHours !== null && slaHours <= priorityHours;
  const hours = slaWins ? slaHours : priorityHours;
  return {
    hours,
    seconds: hours * SECONDS_PER_HOUR,
    source: slaWins ? 'sla' : 'priority',
    sla_hours: slaHours,
    priority_hours: priorityHours,
  };
}

/**
 * The calendar and effective targets for a priority under an SLA (or none). Pass `calendar` to reuse
 * a calendar object already built for this SLA (the simulation does, for 100,000 tickets).
 */
export function termsFor(
  sla: SlaTerms | null,
  priority: PriorityTerms,
  workspaceTimezone: string,
  calendar?: BusinessCalendar,
): Terms {
  return {
    calendar: calendar ?? (sla ? calendarOf(sla) : calendar24x7(workspaceTimezone)),
    warningPercent: sla?.warning_percent ?? DEFAULT_WARNING_PERCENT,
    response: target(sla?.first_response_hours ?? null, priority.response_hours),
    resolution: target(sla?.resolution_hours ?? null, priority.resolution_hours),
  };
}
