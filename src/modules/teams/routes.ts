/** Admin CRUD of support teams under /api/support/admin/teams/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { registerCrudRoutes } from '../../platform/http/crud-routes.js';
import { createTeam, type TeamInput } from './create-team.js';
import { deleteTeam } from './delete-team.js';
import { getTeam, listTeams } from './list-teams.js';
import * as s from './schema.js';
import { setTeamMembers } from './set-team-members.js';
import { updateTeam } from './update-team.js';

const BASE = '/api/support/admin/teams/';
const TAG = 'admin: teams';

/** Registers the team admin routes. */
export async function teamRoutes(app: FastifyInstance, opts: { deps: AppDeps }): Promise<void> {
  const { deps } = opts;
  registerCrudRoutes<unknown, number, TeamInput & { name: string; members?: number[] }, TeamInput, object>(
    app,
    deps,
    {
      base: BASE,
      tag: TAG,
      schemas: {
        listQuery: s.listTeamsQuery,
        page: s.teamPageSchema,
        view: s.teamSchema,
        params: s.teamParams,
        createBody: s.createTeamBody,
        updateBody: s.updateTeamBody,
      },
      docs: {
        list: 'Support teams with their members, in (name, id) order',
        create: 'Create a team',
        createDescription:
          'Members and the lead must be workspace members (400 otherwise). The lead is always a member: ' +
          'naming a lead adds them to the members automatically.',
        get: 'One team with its members',
        update: 'Change a team (omitted = unchanged; a new lead joins the members; null clears the lead)',
        remove: 'Delete a team',
        removeDescription:
          'Tickets, SLAs (escalation team) and the assignment log keep a null team (SET NULL).',
      },
      list: (ctx, q) => listTeams(ctx.tx, ctx.workspaceId, q),
      get: (ctx, id) => getTeam(ctx.tx, ctx.workspaceId, Number(id)),
      create: (ctx, body) => createTeam(ctx, body),
      update: async (ctx, id, body) => {
        await updateTeam(ctx, id, body);
        return id;
      },
      remove: (ctx, id) => deleteTeam(ctx, id),
    },
  );

  app.put<{ Params: { id: number }; Body: { members: number[] } }>(
    `${BASE}:id/members/`,
    {
      config: { access: 'admin' },
      schema: {
        tags: [TAG],
        summary: 'Replace the team’s members (workspace members only; the lead always stays a member)',
        params: s.teamParams,
        body: s.membersBody,
        response: { 200: s.teamSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return inWorkspace(deps.db, ws.id, async (tx) => {
        await setTeamMembers({ tx, workspaceId: ws.id }, request.params.id, request.body.members);
        return getTeam(tx, ws.id, request.params.id);
      });
    },
  );
}
