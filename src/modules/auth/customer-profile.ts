/**
 * A customer's own profile in the portal: what they see (email, name, language, whether they have a
 * password) and what they may change (name, language). Nothing staff-only — phone, notes, tags — is
 * part of it; the customer is always the caller, so no id travels in the request.
 */
import type { Tx } from '../../db/tenant.js';
import { notFound } from '../../platform/errors.js';

export const CUSTOMER_LANGUAGES = ['', 'en', 'de'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];

export interface CustomerProfile {
  email: string;
  name: string;
  /** 'en' | 'de', or '' when not chosen (the portal follows the browser, mails the workspace). */
  language: string;
  /** false for an account that only ever logged in with emailed links. */
  has_password: boolean;
}

export interface CustomerProfileChange {
  name?: string;
  language?: CustomerLanguage;
}

interface ProfileScope {
  tx: Tx;
  workspaceId: number;
  customerId: number;
}

/** The caller's profile; 404 if the account is gone or disabled. */
export async function getCustomerProfile({
  tx,
  workspaceId,
  customerId,
}: ProfileScope): Promise<CustomerProfile> {
  const row = await tx
    .selectFrom('customers')
    .select(['email', 'name', 'language', 'password_hash'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .where('is_active', '=', true)
    .executeTakeFirst();
  if (!row) throw notFound('customer');
  return {
    email: row.email,
    name: row.name,
    language: row.language,
    has_password: row.password_hash !== null,
  };
}

/** Changes the caller's name and/or language (omitted: unchanged) and returns the profile. */
export async function updateCustomerProfile(
  scope: ProfileScope & { now: Date },
  change: CustomerProfileChange,
): Promise<CustomerProfile> {
  const set = {
    ...(change.name !== undefined ? { name: change.name.trim() } : {}),
    ...(change.language !== undefined ? { language: change.language } : {}),
  };
  if (Object.keys(set).length > 0) {
    await scope.tx
      .updateTable('customers')
      .set({ ...set, updated_at: scope.now })
      .where('workspace_id', '=', scope.workspaceId)
      .where('id', '=', scope.customerId)
      .where('is_active', '=', true)
      .execute();
  }
  return getCustomerProfile(scope);
}
