/**
 * Who an inbound delivery is from, as a customer of the workspace: a logged-in customer is themselves;
 * staff name the customer by id or email (created if new); a channel (mailbox, chat, phone log) and the
 * anonymous web form name them by email, found case-insensitively or created without a password.
 */
import type { Customer } from '../../../db/schema.js';
import type { Tx } from '../../../db/tenant.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { normalizeEmail } from '../../../platform/validation.js';
import { findOrCreateCustomer } from '../../customers/index.js';
import type { TicketActor } from '../../tickets/index.js';

/** Who delivers: a person through the web/API, or an inbound channel with no person behind it. */
export type InboundActor = TicketActor | { kind: 'channel' };

export interface Sender {
  /** Staff only: the customer's id, or their email (digits only: an id). */
  customer?: string | number;
  /** The writer's email (web form, channels). */
  email?: string;
  name?: string;
}

async function customerById(tx: Tx, workspaceId: number, id: number): Promise<Customer | undefined> {
  // Filtered here too, not only by row-level security: another workspace's customer is no customer.
  return tx
    .selectFrom('customers')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The customer the delivery is from; 400 at `customer`/`email` when they cannot be named. */
export async function findSender(
  tx: Tx,
  workspaceId: number,
  actor: InboundActor,
  from: Sender,
): Promise<Customer> {
  if (actor.kind === 'customer') {
    const own = await customerById(tx, workspaceId, actor.customerId);
    if (!own) throw notFound('customer');
    return own;
  }
  const staff = actor.kind === 'staff';
  const ref = staff ? (from.customer ?? from.email) : from.email;
  if (staff && (typeof ref === 'number' || (ref !== undefined && /^\d+$/.test(ref)))) {
    const byId = await customerById(tx, workspaceId, Number(ref));
    if (!byId) throw invalid('customer', 'no such customer');
    return byId;
  }
  const path = staff ? 'customer' : 'email';
  if (ref === undefined) throw invalid(path, 'is required');
  const email = normalizeEmail(String(ref), path);
  return findOrCreateCustomer(tx, { workspaceId, email, ...(from.name ? { name: from.name } : {}) });
}
