/** Cookie sessions: a random token for the browser, only its SHA-256 in the database. */
import type { Database } from '../../db/client.js';
import { asSystem, type Tx } from '../../db/tenant.js';
import { hashToken, newToken } from '../../platform/auth/secrets.js';
import { deleteSessionByHash, insertSession } from './repository.js';

/** What the browser keeps; the token never touches the database. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
}

export type SessionOwner = { userId: number } | { customerId: number };

export interface CreateSessionInput {
  workspaceId: number;
  owner: SessionOwner;
  userAgent: string;
  now: Date;
  ttlHours: number;
}

const USER_AGENT_MAX = 300;

/** Starts a session for a staff member or a customer in the workspace of `tx`. */
export async function createSession(tx: Tx, input: CreateSessionInput): Promise<IssuedSession> {
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + input.ttlHours * 3600_000);
  await insertSession(tx, {
    workspace_id: input.workspaceId,
    token_hash: hashToken(token),
    user_id: 'userId' in input.owner ? input.owner.userId : null,
    customer_id: 'customerId' in input.owner ? input.owner.customerId : null,
    user_agent: input.userAgent.slice(0, USER_AGENT_MAX),
    created_at: input.now,
    last_seen_at: input.now,
    expires_at: expiresAt,
  });
  return { token, expiresAt };
}

/**
 * Ends the session with this token. Runs as the system role because a staff session may be used in
 * another workspace than its own (X-Workspace), and the token alone identifies it.
 */
export async function destroySession(db: Database, token: string): Promise<void> {
  await asSystem(db, (tx) => deleteSessionByHash(tx, hashToken(token)));
}
