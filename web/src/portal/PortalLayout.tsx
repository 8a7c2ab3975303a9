/**
 * The frame of every portal page: the workspace's name, logo and accent colour (its branding, when
 * set), the customer's navigation or the login links, the language, and the page below.
 */
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { LANGUAGES } from '../i18n';
import { useSession } from '../session';
import { usePortalInfo } from './portal-api';
import { usePortalLanguage } from './profile-api';
import { portalRoutes as urls } from './urls';
import './portal.css';

export default function PortalLayout() {
  const { t, i18n } = useTranslation();
  const { state, logout } = useSession();
  const navigate = useNavigate();
  const info = usePortalInfo();
  const customer = state.status === 'signed-in' && state.me.kind === 'customer' ? state.me : null;
  const chooseLanguage = usePortalLanguage(customer?.customer.id);
  const name = info.data?.name ?? customer?.workspace.name ?? t('app.name');
  const accent = info.data?.accent_color;
  // portal.css applies it in the light scheme only (see .portal.branded there).
  const style = accent ? ({ '--brand-accent': accent } as CSSProperties) : undefined;

  const onLogout = async () => {
    await logout();
    await navigate(urls.login);
  };

  return (
    <div className={accent ? 'portal branded' : 'portal'} style={style}>
      <a className="skip-link" href="#portal-main">
        {t('app.skip')}
      </a>
      <header className="portal-header">
        <Link to={urls.home} className="portal-brand">
          {info.data?.logo_url ? <img src={info.data.logo_url} alt="" className="portal-logo" /> : null}
          <span>{name}</span>
        </Link>
        <nav aria-label={t('portal.portalNav')} className="portal-nav">
          {customer ? (
            <>
              <NavLink to={urls.home} end>
                {t('portal.myTickets')}
              </NavLink>
              <NavLink to={urls.newTicket}>{t('portal.newTicket')}</NavLink>
              <NavLink to={urls.profile}>{t('portal.profile')}</NavLink>
              <button type="button" className="link-button" onClick={() => void onLogout()}>
                {t('portal.logout')}
              </button>
            </>
          ) : (
            <>
              <NavLink to={urls.login}>{t('portal.logIn')}</NavLink>
              <NavLink to={urls.signup}>{t('portal.signUp')}</NavLink>
            </>
          )}
          <label className="portal-language">
            <span className="visually-hidden">{t('portal.language')}</span>
            <select value={i18n.language} onChange={(e) => chooseLanguage(e.target.value)}>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {l.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
        </nav>
      </header>
      <main id="portal-main" className="portal-main">
        <Outlet />
      </main>
    </div>
  );
}
