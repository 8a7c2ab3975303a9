/** /api/support/admin/staff/: admins list, invite, re-role, deactivate and reactivate staff members. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { inviteStaff, sendStaffPasswordLinkFor } from './invite-staff.js';
import { changeStaffRole, deactivateStaff, reactivateStaff, type ManageStaffInput } from './manage-staff.js';
import { presentStaff } from './presenter.js';
import { listStaffRows, type StaffRow } from './repository.js';
import {
  deactivateStaffSchema,
  inviteStaffSchema,
  listStaffSchema,
  passwordLinkSchema,
  reactivateStaffSchema,
  updateStaffSchema,
  type InviteStaffBody,
  type StaffParams,
  type UpdateStaffBody,
} from './schema.js';

const BASE = '/api/support/admin/staff/';

export async function staffRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  const admin = { access: 'admin' as const };

  app.get(BASE, { config: admin, schema: listStaffSchema }, async (request) => {
    const actor = staffOf(request);
    const ws = workspaceOf(request);
    const rows = await inWorkspace(deps.db, ws.id, (tx) => listStaffRows(tx, ws.id));
    return { results: rows.map((r) => presentStaff(r, actor.userId)) };
  });

  app.post<{ Body: InviteStaffBody }>(
    BASE,
    { config: { ...admin, idempotent: true }, schema: inviteStaffSchema },
    async (request, reply) => {
      const actor = staffOf(request);
      const row = await inviteStaff({
        deps,
        workspace: workspaceOf(request),
        actor,
        email: request.body.email,
        role: request.body.role,
        ...(request.body.name !== undefined ? { name: request.body.name } : {}),
      });
      return reply.status(201).send(presentStaff(row, actor.userId));
    },
  );

  /** Runs one management use case on the member named by the path, in the workspace, and presents them. */
  const manage = async (
    request: FastifyRequest<{ Params: StaffParams }>,
    useCase: (input: ManageStaffInput) => Promise<StaffRow>,
  ) => {
    const actor = staffOf(request);
    const ws = workspaceOf(request);
    const row = await inWorkspace(deps.db, ws.id, (tx) =>
      useCase({ tx, workspaceId: ws.id, actor, userId: request.params.id, now: deps.now() }),
    );
    return presentStaff(row, actor.userId);
  };

  app.patch<{ Params: StaffParams; Body: UpdateStaffBody }>(
    `${BASE}:id`,
    { config: admin, schema: updateStaffSchema },
    (request) => manage(request, (input) => changeStaffRole(input, request.body.role)),
  );
  app.post<{ Params: StaffParams }>(
    `${BASE}:id/deactivate`,
    { config: admin, schema: deactivateStaffSchema },
    (request) => manage(request, deactivateStaff),
  );
  app.post<{ Params: StaffParams }>(
    `${BASE}:id/reactivate`,
    { config: admin, schema: reactivateStaffSchema },
    (request) => manage(request, reactivateStaff),
  );
  app.post<{ Params: StaffParams }>(
    `${BASE}:id/password-link`,
    { config: admin, schema: passwordLinkSchema },
    async (request, reply) => {
      await sendStaffPasswordLinkFor({
        deps,
        workspace: workspaceOf(request),
        actor: staffOf(request),
        userId: request.params.id,
      });
      return reply.status(202).send({ status: 'sent' });
    },
  );
}
