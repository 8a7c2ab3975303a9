/** /app/login: staff or customer login with email and password. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert';
import { panelId, tabId, Tabs } from '../components/Tabs';
import { useSession } from '../session';

type Audience = 'staff' | 'customer';

export function LoginScene({ notice }: { notice: string | null }) {
  const { t } = useTranslation();
  const { loginStaff, loginCustomer } = useSession();
  const audiences = [
    { id: 'staff', label: t('portal.staff') },
    { id: 'customer', label: t('portal.customer') },
  ] as const;
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
          {t('app.name')}
        </h1>
        <p className="muted">{t('portal.tagline')}</p>
        {notice && <p className="notice">{notice}</p>}
        <Tabs
          label={t('portal.loginAs')}
          idPrefix="login"
          tabs={audiences}
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
              <label htmlFor="login-workspace">{t('portal.workspace')}</label>
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
            <label htmlFor="login-email">{t('portal.email')}</label>
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
            <label htmlFor="login-password">{t('portal.password')}</label>
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
            {busy ? t('portal.loggingIn') : t('portal.logIn')}
          </button>
        </form>
        <p className="login-links">
          {audience === 'staff' ? (
            <Link to="/account/password/forgot">{t('staff.forgot')}</Link>
          ) : (
            <Link to="/portal/login">{t('portal.portalNav')}</Link>
          )}
        </p>
      </section>
    </main>
  );
}
