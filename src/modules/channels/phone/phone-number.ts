/** Phone numbers as E.164 (libphonenumber-js), and the customer a number belongs to. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import type { Customer } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';

/** `+4930123456` for a valid number (national numbers in `region`); null when it is none. */
export function toE164(raw: string, region: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), region.toUpperCase() as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

/** The workspace's customer with this number (E.164), the oldest when several share it. */
export async function findCustomerByPhone(
  tx: Tx,
  workspaceId: number,
  e164: string,
): Promise<Customer | undefined> {
  return tx
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('phone', '=', e164)
    .orderBy('id')
    .executeTakeFirst();
}

/**
 * The email to name a caller by in the intake: the customer's with this number, else a placeholder
 * address under the reserved `.invalid` domain (no mail can go there) that stays the same per number.
 */
export async function callerEmail(tx: Tx, workspaceId: number, phone: string): Promise<string> {
  const known = await findCustomerByPhone(tx, workspaceId, phone);
  if (known) return known.email;
  const digits = phone.replace(/\D/g, '') || 'unknown';
  return `phone-${digits}@phone.invalid`;
}

/** Gives a customer found or created for a call its number when they have none yet. */
export async function rememberPhone(
  tx: Tx,
  workspaceId: number,
  customerId: number,
  phone: string,
): Promise<void> {
  await tx
    .updateTable('customers')
    .set({ phone })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', customerId)
    .where('phone', '=', '')
    .execute();
}
