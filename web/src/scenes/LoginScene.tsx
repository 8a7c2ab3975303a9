/** /app/login: staff or customer login with email and password. */
import { useState, type FormEvent } from 'react';
import { ProblemAlert } from '../components/ProblemAlert';
import { panelId, tabId, Tabs } from '../components/Tabs';
import { useSession } from '../session';

type Audience = 'staff' | 'customer';

const AUDIENCES = [
  { id: 'staff', label: 'Staff' },
  { id: 'customer', label: 'Customer' },
] as const;

export function LoginScene({ notice }: { notice: string | null }) {
  const { loginStaff, loginCustomer } = useSession();
  const [audience, setAudience] = useState<Audience>('staff');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState('demo');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const selectAudience = (next: Audience) => {
    setAudience(next);
    setError(null);
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (audience === 'staff') await loginStaff(email.trim(), password);
      else await loginCustomer(workspace.trim().toLowerCase(), email.trim(), password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <section className="card login-card" aria-labelledby="login-title">
        <h1 id="login-title" className="brand">
          bfg2 support
        </h1>
        <p className="muted">Log in to your helpdesk.</p>
        {notice && <p className="notice">{notice}</p>}
        <Tabs
          label="Log in as"
          idPrefix="login"
          tabs={AUDIENCES}
          selected={audience}
          onSelect={selectAudience}
        />
        <form
          className="stack"
          role="tabpanel"
          id={panelId('login', audience)}
          aria-labelledby={tabId('login', audience)}
          onSubmit={(event) => void onSubmit(event)}
        >
          {audience === 'customer' && (
            <div className="field">
              <label htmlFor="login-workspace">Workspace</label>
              <input
                id="login-workspace"
                name="workspace"
                required
                autoCapitalize="none"
                spellCheck={false}
                value={workspace}
                onChange={(event) => setWorkspace(event.target.value)}
              />
            </div>
          )}
          <div className="field">
            <label htmlFor="login-email">Email</label>
            <input
              id="login-email"
              name="email"
              type="email"
              required
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">Password</label>
            <input
              id="login-password"
              name="password"
              type="password"
              required
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          {error !== null && <ProblemAlert error={error} />}
          <button className="primary" type="submit" disabled={busy}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
      </section>
    </main>
  );
}
