/**
 * Test data through the real use cases where they exist. Each test builds its own workspace, so tests
 * never collide and nothing is truncated.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client.js';
import type { Customer, MemberRole, SupportTicket, TicketPriority, Workspace } from '../db/schema.js';
import { asSystem, inWorkspace } from '../db/tenant.js';
import { createSession } from '../modules/auth/index.js';
import { createCustomer } from '../modules/customers/index.js';
import { SESSION_COOKIE } from '../platform/auth/authenticate.js';
import { csrfTokenFor } from '../platform/auth/secrets.js';
import { TEST_SECRET } from './app.js';
import { createApiToken } from '../modules/tokens/index.js';
import { createStaffUser, type StaffUserResult } from '../modules/users/index.js';
import { createWorkspace } from '../modules/workspaces/index.js';

export const unique = (): string => randomBytes(5).toString('hex');

export async function buildWorkspace(
  db: Database,
  overrides: { slug?: string; name?: string } = {},
): Promise<Workspace> {
  const id = unique();
  return createWorkspace(db, {
    slug: overrides.slug ?? `ws-${id}`,
    name: overrides.name ?? `Workspace ${id}`,
    ticketPrefix: `T${id.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.slice(0, 10),
    timezone: 'Europe/Berlin',
  });
}

export interface BuiltUser extends StaffUserResult {
  password: string;
}

export async function buildUser(
  db: Database,
  workspace: Workspace,
  overrides: { role?: MemberRole; email?: string; password?: string; name?: string } = {},
): Promise<BuiltUser> {
  const password = overrides.password ?? `pw-${unique()}`;
  const user = await createStaffUser(db, {
    workspaceId: workspace.id,
    email: overrides.email ?? `staff-${unique()}@example.test`,
    role: overrides.role ?? 'agent',
    name: overrides.name ?? 'Test Agent',
    password,
  });
  return { ...user, password };
}

export async function buildCustomer(
  db: Database,
  workspace: Workspace,
  overrides: { email?: string; password?: string | null; name?: string } = {},
): Promise<Customer & { password: string | null }> {
  const password = overrides.password === undefined ? `pw-${unique()}` : overrides.password;
  const customer = await inWorkspace(db, workspace.id, (tx) =>
    createCustomer(tx, {
      workspaceId: workspace.id,
      email: overrides.email ?? `customer-${unique()}@example.test`,
      name: overrides.name ?? 'Test Customer',
      ...(password !== null ? { password } : {}),
    }),
  );
  return { ...customer, password };
}

/** A bearer token for a staff member of the workspace. */
export async function buildToken(db: Database, workspace: Workspace, userId: number): Promise<string> {
  const t = await inWorkspace(db, workspace.id, (tx) =>
    createApiToken(tx, { workspaceId: workspace.id, userId }),
  );
  return t.token;
}

/** An admin with a token: the usual starting point of an API test. */
export async function buildAdmin(db: Database, workspace: Workspace): Promise<BuiltUser & { token: string }> {
  const user = await buildUser(db, workspace, { role: 'admin', name: 'Test Admin' });
  return { ...user, token: await buildToken(db, workspace, user.id) };
}

export async function priorityOf(
  db: Database,
  workspace: Workspace,
  code = 'medium',
): Promise<TicketPriority> {
  return inWorkspace(db, workspace.id, (tx) =>
    tx.selectFrom('ticket_priorities').selectAll().where('code', '=', code).executeTakeFirstOrThrow(),
  );
}

/** A ticket inserted directly (the ticket use cases have tests of their own). */
export async function buildTicket(
  db: Database,
  workspace: Workspace,
  overrides: Partial<
    Pick<SupportTicket, 'subject' | 'description' | 'status' | 'channel' | 'assigned_to_id'>
  > & {
    customerId?: number;
  } = {},
): Promise<SupportTicket> {
  const customerId = overrides.customerId ?? (await buildCustomer(db, workspace, { password: null })).id;
  const priority = await priorityOf(db, workspace);
  return asSystem(db, async (tx) => {
    const seq = await tx
      .updateTable('workspaces')
      .set((eb) => ({ next_ticket_number: eb('next_ticket_number', '+', 1) }))
      .where('id', '=', workspace.id)
      .returning(['next_ticket_number', 'ticket_prefix'])
      .executeTakeFirstOrThrow();
    return tx
      .insertInto('support_tickets')
      .values({
        workspace_id: workspace.id,
        customer_id: customerId,
        priority_id: priority.id,
        ticket_number: `${seq.ticket_prefix}-${seq.next_ticket_number - 1}`,
        subject: overrides.subject ?? 'Parcel never arrived',
        description: overrides.description ?? 'My order has not arrived yet.',
        status: overrides.status ?? 'new',
        channel: overrides.channel ?? 'web',
        assigned_to_id: overrides.assigned_to_id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** Headers of a logged-in customer's browser: the session cookie and its CSRF token. */
export async function customerSession(
  db: Database,
  workspace: Workspace,
  customerId: number,
): Promise<{ cookie: string; 'x-csrf-token': string }> {
  const session = await inWorkspace(db, workspace.id, (tx) =>
    createSession(tx, {
      workspaceId: workspace.id,
      owner: { customerId },
      userAgent: 'test',
      now: new Date(),
      ttlHours: 1,
    }),
  );
  return {
    cookie: `${SESSION_COOKIE}=${session.token}`,
    'x-csrf-token': csrfTokenFor(TEST_SECRET, session.token),
  };
}
