import { inWorkspace } from '../db/tenant.js';
import { createCustomer } from '../modules/customers/index.js';
import { optionalFlag, requireFlag, type Command } from './command.js';
import { findWorkspace, withDatabase } from './database.js';

export const customerCreateCommand: Command = {
  words: ['customer', 'create'],
  usage: 'customer create --workspace S --email E --password P [--name N]',
  summary: 'create a customer who can log in to the workspace',
  options: {
    workspace: { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
  },
  async run(flags) {
    const slug = requireFlag(flags, 'workspace', customerCreateCommand);
    const email = requireFlag(flags, 'email', customerCreateCommand);
    const password = requireFlag(flags, 'password', customerCreateCommand);
    const customer = await withDatabase(async (db) => {
      const ws = await findWorkspace(db, slug);
      return inWorkspace(db, ws.id, (tx) =>
        createCustomer(tx, { workspaceId: ws.id, email, password, name: optionalFlag(flags, 'name') }),
      );
    });
    console.log(`created customer ${customer.email} (id ${customer.id}) in workspace ${slug}`);
    return 0;
  },
};
