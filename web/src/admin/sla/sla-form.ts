/** The SLA editor's form state, and the PATCH body it becomes (also what the preview sends as changes). */
import type { Sla, SlaPatch } from '../api';

export interface HolidayRow {
  date: string;
  name: string;
  recurring: boolean;
}

export interface SlaForm {
  name: string;
  first_response_hours: number;
  resolution_hours: number;
  uses_business_hours: boolean;
  business_hours_start: string;
  business_hours_end: string;
  business_days: number[];
  timezone: string;
  is_active: boolean;
  is_default: boolean;
  holidays: HolidayRow[];
}

export function formOf(sla: Sla): SlaForm {
  return {
    name: sla.name ?? '',
    first_response_hours: sla.first_response_hours ?? 24,
    resolution_hours: sla.resolution_hours ?? 72,
    uses_business_hours: sla.uses_business_hours ?? true,
    business_hours_start: (sla.business_hours_start ?? '09:00').slice(0, 5),
    business_hours_end: (sla.business_hours_end ?? '17:00').slice(0, 5),
    business_days: sla.business_days ?? [1, 2, 3, 4, 5],
    timezone: sla.timezone ?? 'UTC',
    is_active: sla.is_active ?? true,
    is_default: sla.is_default ?? false,
    holidays: (sla.holidays ?? []).map((h) => ({
      date: h.date ?? '',
      name: h.name ?? '',
      recurring: h.recurring ?? false,
    })),
  };
}

/** The PATCH body of the form; holiday rows without a date are left out (still being typed). */
export function patchOf(form: SlaForm): SlaPatch {
  return {
    ...form,
    holidays: form.holidays
      .filter((h) => /^\d{4}-\d{2}-\d{2}$/.test(h.date))
      .map((h) => ({ date: h.date, name: h.name, recurring: h.recurring })),
  };
}

/** An instant shown in the SLA's zone, e.g. "Fri, 19 Dec 2025, 11:00". */
export function inZone(iso: string | undefined, timezone: string, language: string): string {
  if (!iso) return '';
  try {
    return new Intl.DateTimeFormat(language, {
      timeZone: timezone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** 'YYYY-MM-DDTHH:MM' of a datetime-local input (the browser's zone) → ISO instant; null if incomplete. */
export function localToIso(value: string): string | null {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}
