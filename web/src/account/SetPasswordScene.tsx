/**
 * Set a password with an emailed link: a staff invitation (/account/password) or a reset for staff or
 * customers (/portal/password/reset). The link carries the token and the workspace.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { ProblemAlert } from '../components/ProblemAlert';
import { portalAuth } from '../portal/portal-api';
import { portalRoutes } from '../portal/urls';
import { routes } from '../routes';

export default function SetPasswordScene() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<'staff' | 'customer' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const workspace = params.get('workspace');
      if (workspace) api.setWorkspace(workspace);
      const answer = await portalAuth.resetPassword(token, password);
      setDone(answer.kind);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card portal-card login-card" aria-labelledby="set-password-title">
      <h1 id="set-password-title">{t('portal.setPasswordTitle')}</h1>
      {!token ? (
        <p role="alert">{t('portal.missingToken')}</p>
      ) : done ? (
        <>
          <p className="notice" role="status">
            {t('portal.passwordSaved')}
          </p>
          <Link className="button primary" to={done === 'staff' ? routes.login : portalRoutes.login}>
            {t('portal.goToLogin')}
          </Link>
        </>
      ) : (
        <form className="stack" onSubmit={(event) => void onSubmit(event)}>
          <div className="field">
            <label htmlFor="new-password">{t('portal.newPassword')}</label>
            <input
              id="new-password"
              type="password"
              required
              minLength={8}
              autoComplete="new-password"
              aria-describedby="new-password-hint"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <small id="new-password-hint" className="muted">
              {t('portal.passwordHint')}
            </small>
          </div>
          {error !== null && <ProblemAlert error={error} />}
          <button className="primary" type="submit" disabled={busy}>
            {t('portal.savePassword')}
          </button>
        </form>
      )}
    </section>
  );
}
