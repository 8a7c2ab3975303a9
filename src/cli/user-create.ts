import { MEMBER_ROLES, type MemberRole } from '../db/schema.js';
import { createStaffUser } from '../modules/users/index.js';
import { optionalFlag, requireFlag, UsageError, type Command } from './command.js';
import { findWorkspace, withDatabase } from './database.js';

export const userCreateCommand: Command = {
  words: ['user', 'create'],
  usage: 'user create --workspace S --email E --password P --role admin|agent [--name N]',
  summary: 'create a staff member, or add an existing one to the workspace',
  options: {
    workspace: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
  },
  async run(flags) {
    const slug = requireFlag(flags, 'workspace', userCreateCommand);
    const email = requireFlag(flags, 'email', userCreateCommand);
    const password = requireFlag(flags, 'password', userCreateCommand);
    const role = requireFlag(flags, 'role', userCreateCommand);
    if (!(MEMBER_ROLES as readonly string[]).includes(role)) {
      throw new UsageError(`--role must be admin or agent, not "${role}"`, userCreateCommand);
    }
    const user = await withDatabase(async (db) => {
      const ws = await findWorkspace(db, slug);
      return createStaffUser(db, {
        workspaceId: ws.id,
        email,
        password,
        role: role as MemberRole,
        name: optionalFlag(flags, 'name'),
      });
    });
    if (user.created) {
      console.log(`created ${user.role} ${user.email} (user id ${user.id}) in workspace ${slug}`);
    } else {
      console.log(
        `added the existing account ${user.email} (user id ${user.id}) to workspace ${slug} as ${user.role}`,
      );
      console.error(
        'bfg2-support: note: the account already existed; its password and name were not changed',
      );
    }
    return 0;
  },
};
