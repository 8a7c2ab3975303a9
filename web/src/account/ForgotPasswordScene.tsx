/** Forgotten password: ask for a link by email (customers in the portal, staff from the staff login). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../components/ProblemAlert';
import { portalAuth } from '../portal/portal-api';
import { portalRoutes } from '../portal/urls';
import { routes } from '../routes';

export default function ForgotPasswordScene({ audience }: { audience: 'customer' | 'staff' }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await (audience === 'customer' ? portalAuth.forgotCustomer : portalAuth.forgotStaff)(email.trim());
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card portal-card login-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t('portal.forgotTitle')}</h1>
      {sent ? (
        <p className="notice" role="status">
          {t('portal.forgotSent')}
        </p>
      ) : (
        <form className="stack" onSubmit={(event) => void onSubmit(event)}>
          <p className="muted">{t('portal.forgotHint')}</p>
          <div className="field">
            <label htmlFor="forgot-email">{t('portal.email')}</label>
            <input
              id="forgot-email"
              type="email"
              required
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          {error !== null && <ProblemAlert error={error} />}
          <button className="primary" type="submit" disabled={busy}>
            {t('portal.sendResetLink')}
          </button>
        </form>
      )}
      <Link to={audience === 'customer' ? portalRoutes.login : routes.login}>{t('portal.goToLogin')}</Link>
    </section>
  );
}
