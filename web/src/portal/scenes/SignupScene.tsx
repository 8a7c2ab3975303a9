/** /portal/signup: a visitor creates an account; the emailed link confirms the address and logs in. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { portalAuth } from '../portal-api';
import { portalRoutes as urls } from '../urls';

export default function SignupScene() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await portalAuth.signup({ name: name.trim(), email: email.trim(), password });
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card portal-card" aria-labelledby="signup-title">
      <h1 id="signup-title">{t('portal.signUpTitle')}</h1>
      {done ? (
        <p className="notice" role="status">
          {t('portal.signUpDone')}
        </p>
      ) : (
        <form className="stack" onSubmit={(event) => void onSubmit(event)}>
          <div className="field">
            <label htmlFor="signup-name">{t('portal.name')}</label>
            <input
              id="signup-name"
              required
              autoComplete="name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="signup-email">{t('portal.email')}</label>
            <input
              id="signup-email"
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="signup-password">{t('portal.password')}</label>
            <input
              id="signup-password"
              type="password"
              required
              minLength={8}
              autoComplete="new-password"
              aria-describedby="signup-password-hint"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <small id="signup-password-hint" className="muted">
              {t('portal.passwordHint')}
            </small>
          </div>
          {error !== null && <ProblemAlert error={error} />}
          <button className="primary" type="submit" disabled={busy}>
            {busy ? t('portal.signingUp') : t('portal.signUp')}
          </button>
        </form>
      )}
      <p className="portal-links">
        <Link to={urls.login}>{t('portal.haveAccount')}</Link>
      </p>
    </section>
  );
}
