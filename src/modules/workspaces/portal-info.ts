import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.js';

export interface PortalInfo {
  slug: string;
  name: string;
  default_language: string;
  /** '#rrggbb' or '' for the product's own colour. */
  accent_color: string;
  /** An https URL or a path on this server, or '' for none. */
  logo_url: string;
}

const COLOUR = /^#[0-9a-f]{6}$/i;
const LOGO = /^(https:\/\/|\/)[^\s"'<>]*$/;

/**
 * What the customer portal shows before anyone logs in: the workspace's name, language and branding.
 * The branding columns (accent_color, logo_url) belong to the admin console's settings; the row is read
 * as JSON so the portal shows them where they exist and falls back to the product's look where they do
 * not, and a value that is not a colour or an https/local URL is never passed on to a page.
 */
export async function portalInfo(tx: Tx, workspaceId: number): Promise<PortalInfo> {
  const row = await tx
    .selectFrom('workspaces as w')
    .select(['w.slug', 'w.name', 'w.default_language', sql<Record<string, unknown>>`to_jsonb(w)`.as('all')])
    .where('w.id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  const text = (key: string, valid: RegExp) => {
    const value = row.all[key];
    return typeof value === 'string' && valid.test(value) ? value : '';
  };
  return {
    slug: row.slug,
    name: row.name,
    default_language: row.default_language,
    accent_color: text('accent_color', COLOUR),
    logo_url: text('logo_url', LOGO),
  };
}
