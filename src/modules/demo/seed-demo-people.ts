/** The demo's staff and customers, created through the same use cases as real accounts. */
import type { Database } from '../../db/client.js';
import { inWorkspace } from '../../db/tenant.js';
import { createCustomer } from '../customers/index.js';
import { createStaffUser } from '../users/index.js';
import {
  DEMO_CUSTOMERS,
  DEMO_PASSWORD,
  DEMO_STAFF,
  type CustomerKey,
  type StaffKey,
} from './demo-constants.js';
import type { DemoPeople, DemoPerson } from './demo-refs.js';

export async function seedDemoPeople(db: Database, workspaceId: number): Promise<DemoPeople> {
  const staff = {} as Record<StaffKey, DemoPerson>;
  for (const s of DEMO_STAFF) {
    // An account that already exists (install-wide) keeps its password and name; it joins the workspace.
    const user = await createStaffUser(db, {
      workspaceId,
      email: s.email,
      role: s.role,
      name: s.name,
      password: DEMO_PASSWORD,
    });
    staff[s.key] = { id: user.id, name: user.name || s.name, email: user.email };
  }
  const customers = {} as Record<CustomerKey, DemoPerson & { phone: string }>;
  for (const c of DEMO_CUSTOMERS) {
    // One short transaction per customer: the password hash is computed inside createCustomer.
    const row = await inWorkspace(db, workspaceId, (tx) =>
      createCustomer(tx, {
        workspaceId,
        email: c.email,
        name: c.name,
        phone: c.phone,
        password: DEMO_PASSWORD,
      }),
    );
    customers[c.key] = { id: row.id, name: row.name, email: row.email, phone: row.phone };
  }
  return { workspaceId, staff, customers };
}
