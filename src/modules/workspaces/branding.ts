/**
 * A workspace's branding: the accent colour and logo the portal, the help centre and the mails show.
 * Other modules read it through readBranding (this module's index); admins change it with the settings.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { invalid } from '../../platform/errors.js';

export interface Branding {
  /** #rrggbb, or null for the product's own colour. */
  accentColor: string | null;
  /** An https URL or a path on this server, or null for none. */
  logoUrl: string | null;
}

/** The branding of `workspaceId` (null fields: none set). */
export async function readBranding(tx: Kysely<DB>, workspaceId: number): Promise<Branding> {
  const face = await readPublicFace(tx, workspaceId);
  return { accentColor: face?.accent_color || null, logoUrl: face?.logo_url || null };
}

/** What anyone may see of a workspace before logging in: GET /api/support/branding/. */
export interface PublicFace {
  slug: string;
  name: string;
  default_language: string;
  /** '#rrggbb', or '' for the product's own colour. */
  accent_color: string;
  /** An https URL or a path on this server, or '' for none. */
  logo_url: string;
}

/**
 * The workspace's public face — name, language and branding — the one source of the portal, the help
 * centre and the customer mails. Values are checked when saved (the colour also by the table); a stored
 * logo that is not an https/local URL (written around the settings use case) never reaches a page.
 */
export async function readPublicFace(tx: Kysely<DB>, workspaceId: number): Promise<PublicFace | undefined> {
  const row = await tx
    .selectFrom('workspaces')
    .select(['slug', 'name', 'default_language', 'accent_color', 'logo_url'])
    .where('id', '=', workspaceId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    slug: row.slug,
    name: row.name,
    default_language: row.default_language,
    accent_color: row.accent_color,
    logo_url: LOGO.test(row.logo_url) ? row.logo_url : '',
  };
}

const LOGO = /^(https:\/\/|\/(?!\/))[^\s"'<>\\]*$/;

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Contrast ratio of #rrggbb against white (1–21). */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** Minimum contrast of the accent colour with white: it carries white button text and links (WCAG AA). */
export const MIN_ACCENT_CONTRAST = 4.5;

/** The accent colour normalised to lower case; 400 unless #rrggbb dark enough for white text. */
export function checkAccentColor(value: string): string {
  if (value === '') return '';
  if (!/^#[0-9a-fA-F]{6}$/.test(value)) throw invalid('accent_color', 'must be a colour as #rrggbb');
  const ratio = contrastWithWhite(value);
  if (ratio < MIN_ACCENT_CONTRAST) {
    throw invalid(
      'accent_color',
      `too light: contrast ${ratio.toFixed(2)}:1 with white text, at least ${MIN_ACCENT_CONTRAST}:1 is needed`,
    );
  }
  return value.toLowerCase();
}

/** The logo URL: an https URL without credentials, or a path on this server; 400 otherwise. */
export function checkLogoUrl(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (trimmed.startsWith('/') && !trimmed.startsWith('//')) {
    if (/[\s"'<>\\]/.test(trimmed)) throw invalid('logo_url', 'must be a plain path');
    return trimmed;
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalid('logo_url', 'must be an https URL or a path starting with /');
  }
  if (url.protocol !== 'https:') throw invalid('logo_url', 'must be an https URL');
  if (url.username || url.password) throw invalid('logo_url', 'must not carry credentials');
  return url.href;
}
