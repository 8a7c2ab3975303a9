/**
 * Who is logged in, for the whole app: loads GET /api/auth/me at start, and offers the login, logout
 * and workspace-switch actions that change it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, type MeResponse } from './api/client';
import { WORKSPACE_KEY } from './api/early';

export type SessionState =
  | { status: 'loading' }
  // signedOut: the user logged out here (not an expired session), so no "come back to" link is kept.
  | { status: 'anonymous'; notice: string | null; signedOut?: boolean }
  | { status: 'signed-in'; me: MeResponse };

interface Session {
  state: SessionState;
  loginStaff: (email: string, password: string) => Promise<void>;
  loginCustomer: (workspace: string, email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  switchWorkspace: (slug: string) => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

// The staff member's chosen workspace (WORKSPACE_KEY) survives a reload of the tab, not the tab itself.

function rememberWorkspace(slug: string | null): void {
  api.setWorkspace(slug);
  if (slug) sessionStorage.setItem(WORKSPACE_KEY, slug);
  else sessionStorage.removeItem(WORKSPACE_KEY);
}

async function loadMe(): Promise<SessionState> {
  try {
    return { status: 'signed-in', me: await api.me() };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    if (err.status === 404 && api.getWorkspace()) {
      // The remembered workspace is gone or no longer ours: fall back to the session's own.
      rememberWorkspace(null);
      return loadMe();
    }
    if (err.status === 401) return { status: 'anonymous', notice: null };
    return { status: 'anonymous', notice: err.detail || err.title };
  }
}

let started: Promise<SessionState> | null = null;
/** The started session's answer once it has come: the provider's first render starts from it. */
let settled: SessionState | null = null;

/**
 * Asks for the session at once (main.tsx calls it before the catalogues and the first render), so the
 * answer is on its way while the code still loads; the provider takes that answer instead of asking again.
 * Resolves (never rejects) once the answer is known.
 */
export function startSession(): Promise<unknown> {
  api.setWorkspace(sessionStorage.getItem(WORKSPACE_KEY));
  const asking = loadMe();
  started = asking;
  return asking.then(
    (state) => {
      if (started === asking) settled = state;
    },
    () => undefined,
  );
}

export function SessionProvider({ children }: { children: ReactNode }) {
  // Known already (main.tsx renders a desk URL once it is): no splash and no second render for it.
  const [state, setState] = useState<SessionState>(() => settled ?? { status: 'loading' });

  useEffect(() => {
    let first = started;
    started = null;
    settled = null;
    if (!first) {
      api.setWorkspace(sessionStorage.getItem(WORKSPACE_KEY));
      first = loadMe();
    }
    let live = true;
    void first.then((next) => live && setState(next));
    return () => {
      live = false;
    };
  }, []);

  const loginStaff = useCallback(async (email: string, password: string) => {
    rememberWorkspace(null);
    await api.login(email, password);
    setState({ status: 'signed-in', me: await api.me() });
  }, []);

  const loginCustomer = useCallback(async (workspace: string, email: string, password: string) => {
    rememberWorkspace(null);
    await api.customerLogin(workspace, email, password);
    setState({ status: 'signed-in', me: await api.me() });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch (err) {
      // Already logged out (expired session): the outcome the user asked for.
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
    }
    rememberWorkspace(null);
    setState({ status: 'anonymous', notice: null, signedOut: true });
  }, []);

  const switchWorkspace = useCallback(async (slug: string) => {
    const previous = api.getWorkspace();
    api.setWorkspace(slug);
    try {
      const me = await api.me();
      rememberWorkspace(slug);
      setState({ status: 'signed-in', me });
    } catch (err) {
      api.setWorkspace(previous);
      throw err;
    }
  }, []);

  const session = useMemo(
    () => ({ state, loginStaff, loginCustomer, logout, switchWorkspace }),
    [state, loginStaff, loginCustomer, logout, switchWorkspace],
  );
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session; only inside <SessionProvider>. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() needs a <SessionProvider> above it');
  return session;
}
