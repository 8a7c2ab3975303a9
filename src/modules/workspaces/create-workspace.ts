import type { Database } from '../../db/client.js';
import type { Workspace } from '../../db/schema.js';
import { asSystem } from '../../db/tenant.js';
import { AppError, invalid } from '../../platform/errors.js';
import { isValidTimeZone } from '../../platform/validation.js';

export interface CreateWorkspaceInput {
  slug: string;
  name: string;
  defaultLanguage?: string;
  timezone?: string;
  /** Ticket-number prefix; derived from the slug when omitted. */
  ticketPrefix?: string;
}

/** The priorities every new workspace starts with (hours are wall-clock targets; SLAs refine them). */
export const DEFAULT_PRIORITIES = [
  { code: 'low', name: 'Low', response_hours: 48, resolution_hours: 120, color: '#6b7280', order: 1 },
  { code: 'medium', name: 'Medium', response_hours: 24, resolution_hours: 72, color: '#2563eb', order: 2 },
  { code: 'high', name: 'High', response_hours: 8, resolution_hours: 24, color: '#d97706', order: 3 },
  { code: 'urgent', name: 'Urgent', response_hours: 2, resolution_hours: 8, color: '#dc2626', order: 4 },
] as const;

function prefixFromSlug(slug: string): string {
  const letters = slug.replace(/[^a-z0-9]/g, '').toUpperCase();
  return /^[A-Z]/.test(letters) ? letters.slice(0, 6) : `T${letters.slice(0, 5)}`;
}

/** Creates a workspace with the default priorities. Slug and ticket prefix are unique install-wide. */
export async function createWorkspace(db: Database, input: CreateWorkspaceInput): Promise<Workspace> {
  const slug = input.slug.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) {
    throw invalid('slug', 'use 1–63 lower-case letters, digits and dashes, starting with a letter or digit');
  }
  const name = input.name.trim();
  if (!name || name.length > 200) throw invalid('name', 'must be 1–200 characters');
  const timezone = input.timezone ?? 'UTC';
  if (!isValidTimeZone(timezone)) throw invalid('timezone', `unknown time zone ${timezone}`);
  const language = (input.defaultLanguage ?? 'en').toLowerCase();
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/.test(language))
    throw invalid('default_language', 'use a language code like en or de');
  const prefix = (input.ticketPrefix ?? prefixFromSlug(slug)).toUpperCase();
  if (!/^[A-Z][A-Z0-9]{0,9}$/.test(prefix))
    throw invalid('ticket_prefix', 'use 1–10 capital letters and digits');

  return asSystem(db, async (tx) => {
    const clash = await tx
      .selectFrom('workspaces')
      .select(['slug', 'ticket_prefix'])
      .where((eb) => eb.or([eb('slug', '=', slug), eb('ticket_prefix', '=', prefix)]))
      .executeTakeFirst();
    if (clash?.slug === slug) throw new AppError('ALREADY_EXISTS', `workspace ${slug} already exists`);
    if (clash) throw new AppError('ALREADY_EXISTS', `ticket prefix ${prefix} is taken; choose another`);
    const ws = await tx
      .insertInto('workspaces')
      .values({ slug, name, default_language: language, timezone, ticket_prefix: prefix })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('ticket_priorities')
      .values(DEFAULT_PRIORITIES.map((p) => ({ ...p, workspace_id: ws.id })))
      .execute();
    return ws;
  });
}
