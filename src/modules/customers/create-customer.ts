import { sql } from 'kysely';
import type { Customer } from '../../db/schema.js';
import { keyedWorkspace, type Tx } from '../../db/tenant.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../../platform/auth/passwords.js';
import { AppError, invalid } from '../../platform/errors.js';
import { normalizeEmail } from '../../platform/validation.js';

export interface CreateCustomerInput {
  workspaceId: number;
  email: string;
  name?: string;
  phone?: string;
  password?: string;
  /**
   * Self-service sign-up: the address is not confirmed until the emailed link is used, and the password
   * does not work before that. A customer staff create with a password counts as confirmed.
   */
  unconfirmed?: boolean;
  /** The language the customer's portal and mails use ('en', 'de'; omitted: not chosen). */
  language?: 'en' | 'de';
}

/** Creates a customer of the workspace; the email is unique per workspace, case-insensitively. */
export async function createCustomer(tx: Tx, input: CreateCustomerInput): Promise<Customer> {
  const email = normalizeEmail(input.email);
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalid('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  const existing = await findCustomerByEmail(tx, input.workspaceId, email);
  if (existing) throw new AppError('ALREADY_EXISTS', `a customer with the email ${email} already exists`);
  return tx
    .insertInto('customers')
    .values({
      workspace_id: input.workspaceId,
      email,
      name: input.name?.trim() ?? '',
      phone: input.phone?.trim() ?? '',
      password_hash: input.password !== undefined ? await hashPassword(input.password) : null,
      email_verified_at: input.password !== undefined && !input.unconfirmed ? sql<Date>`now()` : null,
      language: input.language ?? '',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * `ANY(<the ids of the workspace's customers with these lower-case addresses>)`, found by the
 * (workspace_id, lower(email)) index through migration 0065's function: under row-level security
 * `lower(email) = …` cannot use that index (lower is not leakproof) and read the workspace whole.
 */
export function customerIdsWithEmails(workspaceId: number, emails: string[]) {
  return sql<number>`ANY(ARRAY(SELECT support_customer_ids_by_emails(${workspaceId}, ${emails}::text[])))`;
}

export async function findCustomerByEmail(
  tx: Tx,
  workspaceId: number,
  email: string,
): Promise<Customer | undefined> {
  return tx
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', keyedWorkspace(workspaceId))
    .where('id', '=', customerIdsWithEmails(workspaceId, [email.toLowerCase()]))
    .executeTakeFirst();
}

/**
 * The customer with this email, created (without a password) when there is none. Safe under
 * concurrency: two requests for a new email end with one customer, not a unique-key error.
 */
export async function findOrCreateCustomer(
  tx: Tx,
  input: { workspaceId: number; email: string; name?: string },
): Promise<Customer> {
  const email = normalizeEmail(input.email);
  const customer = (await findOrCreateCustomers(tx, input.workspaceId, [input])).get(email);
  if (!customer) throw new Error('findOrCreateCustomers returned no customer');
  return customer;
}

/**
 * findOrCreateCustomer for several senders of one workspace in (at most) three statements: the known ones
 * in one read, the new ones in one INSERT, and — only when a concurrent transaction inserted some of them
 * first — one read of those. Returns the customers by normalised (lower-case) email; the same address
 * given twice makes one customer, named by its first mention.
 */
export async function findOrCreateCustomers(
  tx: Tx,
  workspaceId: number,
  senders: { email: string; name?: string }[],
): Promise<Map<string, Customer>> {
  const wanted = new Map<string, string>();
  for (const s of senders) {
    const email = normalizeEmail(s.email);
    if (!wanted.has(email)) wanted.set(email, s.name?.trim() ?? '');
  }
  const found = new Map<string, Customer>();
  if (wanted.size === 0) return found;
  const read = async (emails: string[]) => {
    const rows = await tx
      .selectFrom('customers')
      .selectAll()
      .where('workspace_id', '=', keyedWorkspace(workspaceId))
      .where('id', '=', customerIdsWithEmails(workspaceId, emails))
      .execute();
    for (const c of rows) found.set(c.email.toLowerCase(), c);
  };
  await read([...wanted.keys()]);
  const missing = [...wanted].filter(([email]) => !found.has(email));
  if (missing.length === 0) return found;
  const inserted = await tx
    .insertInto('customers')
    .values(missing.map(([email, name]) => ({ workspace_id: workspaceId, email, name })))
    .onConflict((oc) => oc.expression(sql`workspace_id, lower(email)`).doNothing())
    .returningAll()
    .execute();
  for (const c of inserted) found.set(c.email.toLowerCase(), c);
  const raced = missing.map(([email]) => email).filter((email) => !found.has(email));
  if (raced.length > 0) await read(raced);
  for (const email of raced)
    if (!found.has(email)) throw new Error('customer vanished after a concurrent insert');
  return found;
}
