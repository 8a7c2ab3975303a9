/** SLA rows → API shape. */
import type { SlaHoliday, SlaRecomputeRun } from '../../db/schema.js';
import type { SlaRow } from './repository.js';

/** 'HH:MM:SS' → 'HH:MM' (seconds only when set). */
export function presentTime(value: string): string {
  return value.endsWith(':00') && value.length === 8 ? value.slice(0, 5) : value;
}

export function presentRun(run: SlaRecomputeRun) {
  return {
    id: run.id,
    sla: run.sla_id,
    scope: run.scope,
    reason: run.reason,
    status: run.status,
    total: run.total,
    done: run.done,
    changed: run.changed,
    error: run.error,
    created_at: run.created_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
  };
}

export function presentSla(row: SlaRow, holidays: SlaHoliday[], latest: SlaRecomputeRun | undefined) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    first_response_hours: row.first_response_hours,
    resolution_hours: row.resolution_hours,
    uses_business_hours: row.uses_business_hours,
    business_hours_start: presentTime(row.business_hours_start),
    business_hours_end: presentTime(row.business_hours_end),
    business_days: row.business_days,
    timezone: row.timezone,
    warning_percent: row.warning_percent,
    holidays: holidays.map((h) => ({ date: h.date, name: h.name, recurring: h.recurring })),
    escalate_on_breach: row.escalate_on_breach,
    escalation_team:
      row.escalation_team_id !== null
        ? { id: row.escalation_team_id, name: row.escalation_team_name ?? '' }
        : null,
    is_active: row.is_active,
    is_default: row.is_default,
    latest_recompute: latest ? presentRun(latest) : null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export type SlaView = ReturnType<typeof presentSla>;
