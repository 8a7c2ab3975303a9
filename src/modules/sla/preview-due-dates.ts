/**
 * The due-date preview of the SLA editor: when a ticket created at a chosen moment would be due for its
 * first response and its resolution under this SLA — with the editor's unsaved changes applied, so an
 * admin sees the dates move as they edit a holiday or the business hours, before saving anything.
 * It runs the ticket clock's own rules (termsFor: the stricter of the SLA's and the priority's hours,
 * addBusinessTime on the SLA's calendar), so the preview and a real ticket cannot disagree.
 */
import type { Tx } from '../../db/tenant.js';
import { invalid, notFound } from '../../platform/errors.js';
import { addBusinessTime } from './calendar.js';
import { parseInstant } from './instant.js';
import * as repo from './repository.js';
import { applyInput, checkSettings, settingsOf, type SlaInput } from './sla-input.js';
import { termsFor, type Target } from './targets.js';

export interface PreviewInput {
  created_at: string;
  /** A priority code or id; omitted: the workspace's default priority. */
  priority?: string | number;
  /** Unsaved edits of the SLA (as a PATCH body) to preview instead of the stored settings. */
  changes?: SlaInput;
}

async function findPriority(tx: Tx, workspaceId: number, ref: string | number | undefined) {
  let query = tx
    .selectFrom('ticket_priorities')
    .select(['id', 'code', 'name', 'response_hours', 'resolution_hours'])
    .where('workspace_id', '=', workspaceId);
  if (ref === undefined) {
    const ws = await tx
      .selectFrom('workspaces')
      .select('default_priority')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    query = query.where('code', '=', ws.default_priority);
  } else {
    query = typeof ref === 'number' ? query.where('id', '=', ref) : query.where('code', '=', ref);
  }
  const priority = await query.executeTakeFirst();
  if (!priority) throw invalid('priority', 'no such priority');
  return priority;
}

/** The due dates of a hypothetical ticket; 404 for another workspace's SLA, 400 for bad input. */
export async function previewDueDates(tx: Tx, workspaceId: number, slaId: number, input: PreviewInput) {
  const createdAt = parseInstant(input.created_at, 'created_at');
  const row = await repo.findSla(tx, workspaceId, slaId);
  if (!row) throw notFound('SLA');
  const stored = settingsOf(row, (await repo.holidaysOf(tx, workspaceId, [slaId])).get(slaId) ?? []);
  const settings = applyInput(stored, input.changes ?? {});
  await checkSettings(tx, workspaceId, settings);
  const priority = await findPriority(tx, workspaceId, input.priority);
  const terms = termsFor({ ...settings, id: slaId, is_active: true }, priority, settings.timezone);
  const due = (target: Target) => ({
    hours: target.hours,
    source: target.source,
    due_at: addBusinessTime(terms.calendar, createdAt, target.seconds).toISOString(),
  });
  return {
    created_at: createdAt.toISOString(),
    timezone: settings.timezone,
    uses_business_hours: settings.uses_business_hours,
    priority: { id: priority.id, code: priority.code, name: priority.name },
    response: due(terms.response),
    resolution: due(terms.resolution),
  };
}
