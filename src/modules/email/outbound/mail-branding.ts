/** The workspace's logo and accent colour in customer mails (admin console → workspace → branding). */
import type { Tx } from '../../../db/tenant.js';
import { readBranding } from '../../workspaces/index.js';
import type { MailValues } from './render-mail.js';

/** The product's link colour in mails when the workspace has no accent colour of its own. */
export const DEFAULT_MAIL_ACCENT = '#1f6feb';

/** The workspace's branding as mail values; a logo that is a path on this server becomes absolute. */
export async function brandingValues(
  tx: Tx,
  workspaceId: number,
  publicUrl: string,
): Promise<Pick<MailValues, 'workspace.accent_color' | 'workspace.logo'>> {
  const branding = await readBranding(tx, workspaceId);
  const logo = branding.logoUrl ?? '';
  return {
    'workspace.accent_color': branding.accentColor ?? DEFAULT_MAIL_ACCENT,
    'workspace.logo': logo.startsWith('/') ? `${publicUrl.replace(/\/+$/, '')}${logo}` : logo,
  };
}
