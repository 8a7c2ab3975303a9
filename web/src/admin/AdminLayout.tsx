/**
 * The frame of the admin console and KB authoring: a header (back to the desk, language, logout) and the
 * section menu. Agents see only the knowledge base in it; the settings sections are for admins.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useNavigate } from 'react-router';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { routes } from '../routes';
import { useSession } from '../session';
import { useIsAdmin } from './AdminOnly';
import './admin.css';
import './catalogue';
import '../desk/catalogue';

const SETTINGS = [
  'workspace',
  'categories',
  'priorities',
  'slas',
  'teams',
  'tags',
  'templates',
  'webhooks',
] as const;
/** The mail sections (admins): path under /admin → their name in the "mail.nav" catalogue. */
const MAIL = [
  ['mailboxes', 'mailboxes'],
  ['mail/inbound', 'inbound'],
  ['mail/templates', 'templates'],
] as const;

export default function AdminLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { state, logout } = useSession();
  const navigate = useNavigate();
  const isAdmin = useIsAdmin();
  const me = state.status === 'signed-in' && state.me.kind === 'staff' ? state.me : null;

  return (
    <div className="admin">
      <a className="skip" href="#admin-main">
        {t('app.skip')}
      </a>
      <header className="admin-header">
        <span className="brand">{t('app.name')}</span>
        <Link to={routes.desk}>{t('admin.nav.desk')}</Link>
        <span className="admin-header-spacer" />
        <label className="compact-field">
          <span className="visually-hidden">{t('header.language')}</span>
          <select value={i18n.language} onChange={(e) => void setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {l === 'de' ? 'Deutsch' : 'English'}
              </option>
            ))}
          </select>
        </label>
        {me && (
          <span className="identity" title={me.user.email}>
            {me.user.name || me.user.email}
            <span className="role" data-testid="role">
              {me.role}
            </span>
          </span>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => void logout().then(() => navigate(routes.login, { replace: true }))}
        >
          {t('header.logout')}
        </button>
      </header>
      <div className="admin-body">
        <nav className="admin-nav" aria-label={t('admin.nav.label')}>
          <ul>
            {isAdmin &&
              SETTINGS.map((section) => (
                <li key={section}>
                  <NavLink to={`/admin/${section}`}>{t(`admin.nav.${section}`)}</NavLink>
                </li>
              ))}
            {isAdmin &&
              MAIL.map(([path, name]) => (
                <li key={path}>
                  <NavLink to={`/admin/${path}`}>{t(`mail.nav.${name}`)}</NavLink>
                </li>
              ))}
            <li>
              <NavLink to="/admin/kb">{t('admin.nav.kb')}</NavLink>
            </li>
          </ul>
        </nav>
        <main id="admin-main" className="admin-main">
          {children}
        </main>
      </div>
    </div>
  );
}
