/** API shapes of bearer tokens: never the hash, the secret only right after creation. */
import type { IssuedApiToken } from './issue-api-token.js';
import type { ApiTokenSummary } from './list-api-tokens.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** A token as listed: its prefix and dates, never the secret or its hash. */
export function presentApiToken(t: ApiTokenSummary) {
  return {
    id: t.id,
    name: t.name,
    token_prefix: t.token_prefix,
    created_at: t.created_at.toISOString(),
    last_used_at: iso(t.last_used_at),
    expires_at: iso(t.expires_at),
    revoked_at: iso(t.revoked_at),
  };
}

/** The answer to creating a token: the only time `token` is shown. */
export function presentIssuedApiToken(t: IssuedApiToken) {
  return {
    ...presentApiToken({ ...t, last_used_at: null, revoked_at: null }),
    token: t.token,
  };
}
