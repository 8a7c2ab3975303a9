/** /portal/login: a customer logs in with their password, or asks for a one-time login link. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { panelId, tabId, Tabs } from '../../components/Tabs';
import { useSession } from '../../session';
import { portalAuth, usePortalInfo } from '../portal-api';
import { portalRoutes as urls } from '../urls';

type Method = 'password' | 'link';

export default function LoginScene() {
  const { t } = useTranslation();
  const { loginCustomer } = useSession();
  const info = usePortalInfo();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [method, setMethod] = useState<Method>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (method === 'link') {
        await portalAuth.magicLink(email.trim());
        setSent(true);
      } else {
        await loginCustomer(info.data?.slug ?? '', email.trim(), password);
        const next = params.get('next');
        await navigate(next?.startsWith('/portal') ? next : urls.home, { replace: true });
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const notConfirmed = error instanceof ApiError && error.code === 'EMAIL_NOT_CONFIRMED';
  return (
    <section className="card portal-card" aria-labelledby="portal-login-title">
      <h1 id="portal-login-title">{t('portal.logInTitle', { name: info.data?.name ?? '' })}</h1>
      <Tabs
        label={t('portal.loginAs')}
        idPrefix="portal-login"
        tabs={[
          { id: 'password', label: t('portal.withPassword') },
          { id: 'link', label: t('portal.withLink') },
        ]}
        selected={method}
        onSelect={(next) => {
          setMethod(next);
          setError(null);
          setSent(false);
        }}
      />
      <form
        className="stack"
        role="tabpanel"
        id={panelId('portal-login', method)}
        aria-labelledby={tabId('portal-login', method)}
        onSubmit={(event) => void onSubmit(event)}
      >
        <div className="field">
          <label htmlFor="portal-email">{t('portal.email')}</label>
          <input
            id="portal-email"
            type="email"
            required
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        {method === 'password' && (
          <div className="field">
            <label htmlFor="portal-password">{t('portal.password')}</label>
            <input
              id="portal-password"
              type="password"
              required
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </div>
        )}
        {sent && (
          <p className="notice" role="status">
            {t('portal.linkSent')}
          </p>
        )}
        {notConfirmed ? (
          <p className="alert" role="alert">
            {t('portal.notConfirmed')}
          </p>
        ) : (
          error !== null && <ProblemAlert error={error} />
        )}
        <button className="primary" type="submit" disabled={busy || !info.data}>
          {method === 'link' ? t('portal.sendLink') : busy ? t('portal.loggingIn') : t('portal.logIn')}
        </button>
      </form>
      <p className="portal-links">
        <Link to={urls.forgot}>{t('portal.forgot')}</Link>
        <Link to={urls.signup}>{t('portal.noAccount')}</Link>
      </p>
    </section>
  );
}
