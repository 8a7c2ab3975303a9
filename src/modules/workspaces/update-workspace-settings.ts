/**
 * The workspace's own settings, edited by its admins: name, default language and time zone, the default
 * priority, and the URL templates that turn a ticket's order / consignment number into a link into the
 * shop and delivery apps (`{order}` / `{consignment}` is replaced by the URL-encoded number).
 */
import type { Tx } from '../../db/tenant.js';
import { invalid } from '../../platform/errors.js';
import { isValidTimeZone } from '../../platform/validation.js';
import { WORKSPACE_COLUMNS } from '../../platform/auth/repository.js';
import { checkAccentColor, checkLogoUrl } from './branding.js';

export interface WorkspaceSettingsInput {
  name?: string;
  default_language?: string;
  timezone?: string;
  default_priority?: string;
  order_url_template?: string;
  consignment_url_template?: string;
  ticket_prefix?: string;
  accent_color?: string;
  logo_url?: string;
  /** Hours within which a similar ticket of the same customer or order is a possible duplicate. */
  duplicate_window_hours?: number;
}

const SETTINGS = [
  ...WORKSPACE_COLUMNS,
  'accent_color',
  'logo_url',
  'duplicate_window_hours',
  'created_at',
  'updated_at',
] as const;

export async function getWorkspaceSettings(tx: Tx, workspaceId: number) {
  return tx.selectFrom('workspaces').select(SETTINGS).where('id', '=', workspaceId).executeTakeFirstOrThrow();
}

function checkTemplate(value: string | undefined, placeholder: string, path: string): void {
  if (value === undefined || value === '') return;
  let url: URL;
  try {
    url = new URL(value.replace(`{${placeholder}}`, 'x'));
  } catch {
    throw invalid(path, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(path, 'must be an http(s) URL');
  if (!value.includes(`{${placeholder}}`)) throw invalid(path, `must contain {${placeholder}}`);
}

/** Applies the given settings (omitted = unchanged) and returns them all. */
export async function updateWorkspaceSettings(
  ctx: { tx: Tx; workspaceId: number; now: Date },
  input: WorkspaceSettingsInput,
) {
  const { tx, workspaceId } = ctx;
  if (input.name !== undefined && !input.name.trim()) throw invalid('name', 'must not be empty');
  if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
    throw invalid('timezone', `unknown time zone ${input.timezone}`);
  }
  checkTemplate(input.order_url_template, 'order', 'order_url_template');
  checkTemplate(input.consignment_url_template, 'consignment', 'consignment_url_template');
  const accent = input.accent_color === undefined ? undefined : checkAccentColor(input.accent_color);
  const logo = input.logo_url === undefined ? undefined : checkLogoUrl(input.logo_url);
  if (input.default_priority !== undefined) {
    const exists = await tx
      .selectFrom('ticket_priorities')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('code', '=', input.default_priority)
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (!exists) throw invalid('default_priority', 'no such active priority code');
  }
  await tx
    .updateTable('workspaces')
    .set({
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.default_language !== undefined
        ? { default_language: input.default_language.toLowerCase() }
        : {}),
      ...(input.timezone !== undefined ? { timezone: input.timezone } : {}),
      ...(input.default_priority !== undefined ? { default_priority: input.default_priority } : {}),
      ...(input.order_url_template !== undefined ? { order_url_template: input.order_url_template } : {}),
      ...(input.consignment_url_template !== undefined
        ? { consignment_url_template: input.consignment_url_template }
        : {}),
      ...(input.ticket_prefix !== undefined ? { ticket_prefix: input.ticket_prefix } : {}),
      ...(accent !== undefined ? { accent_color: accent } : {}),
      ...(logo !== undefined ? { logo_url: logo } : {}),
      ...(input.duplicate_window_hours !== undefined
        ? { duplicate_window_hours: input.duplicate_window_hours }
        : {}),
      updated_at: ctx.now,
    })
    .where('id', '=', workspaceId)
    .execute();
  return getWorkspaceSettings(tx, workspaceId);
}
