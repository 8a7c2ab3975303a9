import { inWorkspace } from '../db/tenant.js';
import { createApiToken } from '../modules/tokens/index.js';
import { notFound } from '../platform/errors.js';
import { normalizeEmail } from '../platform/validation.js';
import { optionalFlag, requireFlag, type Command } from './command.js';
import { findWorkspace, withDatabase } from './database.js';

export const tokenCreateCommand: Command = {
  words: ['token', 'create'],
  usage: 'token create --workspace S --email E [--name N]',
  summary: 'print a new bearer API token for a staff member (only the token, for scripts)',
  options: {
    workspace: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
  },
  async run(flags) {
    const slug = requireFlag(flags, 'workspace', tokenCreateCommand);
    const email = normalizeEmail(requireFlag(flags, 'email', tokenCreateCommand));
    const token = await withDatabase(async (db) => {
      const ws = await findWorkspace(db, slug);
      return inWorkspace(db, ws.id, async (tx) => {
        const member = await tx
          .selectFrom('workspace_memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select('u.id')
          .where('m.workspace_id', '=', ws.id)
          .where((eb) => eb(eb.fn('lower', ['u.email']), '=', email))
          .executeTakeFirst();
        if (!member) throw notFound(`staff member ${email} in workspace ${ws.slug}`);
        return createApiToken(tx, {
          workspaceId: ws.id,
          userId: member.id,
          name: optionalFlag(flags, 'name') ?? 'cli',
        });
      });
    });
    console.log(token.token);
    return 0;
  },
};
