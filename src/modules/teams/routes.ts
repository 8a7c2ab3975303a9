/** Admin CRUD of support teams under /api/support/admin/teams/. Staff read, admins write. */
import type { FastifyInstance } from 'fastify';
import { inWorkspace } from '../../db/tenant.js';
import { staffOf, workspaceOf } from '../../platform/auth/access.js';
import type { AppDeps } from '../../platform/deps.js';
import { registerCrudRoutes } from '../../platform/http/crud-routes.js';
import { createTeam, type TeamInput } from './create-team.js';
import { deleteTeam } from './delete-team.js';
import { getTeam, listTeams } from './list-teams.js';
import * as s from './schema.js';
import { setMemberCapacity } from './set-member-capacity.js';
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
        updateDescription:
          'assignment_mode and max_open_per_agent set how new tickets routed to the team are assigned; a ' +
          'change that makes room hands out queued tickets at once.',
        remove: 'Delete a team',
        removeDescription:
          'Tickets, SLAs (escalation team), categories and the assignment log keep a null team (SET NULL).',
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
      const ctx = { workspaceId: ws.id, userId: staffOf(request).userId, now: deps.now() };
      return inWorkspace(deps.db, ws.id, async (tx) => {
        await setTeamMembers({ tx, ...ctx }, request.params.id, request.body.members);
        return getTeam(tx, ws.id, request.params.id);
      });
    },
  );

  app.patch<{ Params: { id: number; userId: number }; Body: { max_open_tickets: number | null } }>(
    `${BASE}:id/members/:userId/`,
    {
      config: { access: 'admin' },
      schema: {
        tags: [TAG],
        summary: 'Set a member’s own cap on open tickets in this team (null = the team’s)',
        description:
          'Overrides the team’s max_open_per_agent for automatic assignment; 0 keeps the member out of ' +
          'automatic assignment in this team. 404 when the user is not a member of the team.',
        params: s.memberParams,
        body: s.memberBody,
        response: { 200: s.teamSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const ctx = { workspaceId: ws.id, userId: staffOf(request).userId, now: deps.now() };
      return inWorkspace(deps.db, ws.id, async (tx) => {
        const { id, userId } = request.params;
        await setMemberCapacity({ tx, ...ctx }, id, userId, request.body.max_open_tickets);
        return getTeam(tx, ws.id, id);
      });
    },
  );
}
