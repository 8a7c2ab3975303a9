/**
 * The due-date calculator: `hours` of business time after `start` on an SLA's calendar — the same
 * addBusinessTime the ticket clock uses (a due landing exactly on closing time is that closing time;
 * a start outside business hours counts from the next opening).
 */
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { addBusinessTime } from './calendar.js';
import { parseInstant } from './instant.js';
import { findSlaTerms } from './repository.js';
import { SECONDS_PER_HOUR, calendarOf } from './targets.js';

const MAX_HOURS = 100_000;

export async function calculateDueDate(
  tx: Tx,
  workspaceId: number,
  slaId: number,
  query: { start: string; hours: string },
) {
  const start = parseInstant(query.start, 'start');
  const hours = /^\d+(\.\d+)?$/.test(query.hours.trim()) ? Number(query.hours) : NaN;
  if (!Number.isFinite(hours) || hours > MAX_HOURS) {
    throw invalid('hours', `must be a number of hours from 0 to ${MAX_HOURS}`);
  }
  const sla = await findSlaTerms(tx, workspaceId, slaId);
  if (!sla) throw notFound('SLA');
  const dueAt = addBusinessTime(calendarOf(sla), start, hours * SECONDS_PER_HOUR);
  return {
    due_at: dueAt.toISOString(),
    start: start.toISOString(),
    hours,
    timezone: sla.timezone,
    uses_business_hours: sla.uses_business_hours,
  };
}
