/**
 * The frame of every desk screen: the header (inbox, new ticket, reports for admins, the notification bell, availability,
 * language, shortcuts, logout — the last four in a menu on narrow screens, so the header stays one
 * line), the global shortcuts (? and g i), and the event stream that keeps the caches fresh.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useNavigate } from 'react-router';
import { useEventStream } from '../api/events';
import { useAvailability } from '../api/queries';
import { LANGUAGES, setLanguage, type Language } from '../i18n';
import { routes } from '../routes';
import { useSession } from '../session';
import { useAfterPaint } from './after-paint';
import { useHotkeys } from './hotkeys';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useStaff } from './useStaff';
import { AVAILABILITY } from './availability';
import { HeaderMenu } from './HeaderMenu';
import { NotificationBell } from './live/NotificationBell';
import { useMediaQuery } from './useMediaQuery';
import './desk.css';
import './catalogue';

export default function DeskLayout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const me = useStaff();
  const { logout } = useSession();
  const navigate = useNavigate();
  const [help, setHelp] = useState(false);
  // What the header shows besides the screen, and the stream that keeps it fresh: after the screen's
  // first paint (on a cold load, the inbox's first rows).
  const painted = useAfterPaint(true);
  const availability = useAvailability(painted);
  const narrow = useMediaQuery('(max-width: 720px)');
  const signOut = () => void logout().then(() => navigate(routes.login, { replace: true }));
  useEventStream(me.workspace.slug, painted);
  // The secondary screens: in the header when there is room, else in the menu.
  const more = [
    { to: routes.adminKb, label: t('admin.nav.kb') },
    // Reports are the managers' (admins') view; agents get no entry (and a 403 from the API).
    ...(me.role === 'admin'
      ? [
          { to: routes.deskReports, label: t('reports.nav') },
          { to: routes.admin, label: t('admin.nav.label') },
        ]
      : []),
    { to: '/desk/chats', label: t('channels.chats') },
    { to: '/desk/calls/new', label: t('channels.logCall') },
  ];
  useHotkeys({ '?': () => setHelp(true), 'g i': () => void navigate(routes.desk) });

  return (
    <div className="desk">
      <a className="skip" href="#desk-main">
        {t('app.skip')}
      </a>
      <header className="desk-header">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('header.desk')}>
          <NavLink to={routes.desk} end>
            {t('header.inbox')}
          </NavLink>
          <NavLink to={routes.deskNewTicket}>{t('header.newTicket')}</NavLink>
          {!narrow &&
            more.map((link) => (
              <NavLink key={link.to} to={link.to}>
                {link.label}
              </NavLink>
            ))}
        </nav>
        <span className="desk-header-spacer" />
        <NotificationBell ready={painted} />
        {narrow ? (
          <HeaderMenu
            who={me.user.name || me.user.email}
            role={me.role}
            availability={availability.query.data?.availability ?? null}
            onAvailability={(a) => availability.set.mutate(a)}
            onShortcuts={() => setHelp(true)}
            onLogout={signOut}
            links={more}
            onNavigate={(to) => void navigate(to)}
          />
        ) : (
          <>
            <label className="compact-field">
              <span className="visually-hidden">{t('header.availability')}</span>
              <select
                value={availability.query.data?.availability ?? 'available'}
                disabled={availability.set.isPending || !availability.query.data}
                onChange={(e) => availability.set.mutate(e.target.value as (typeof AVAILABILITY)[number])}
              >
                {AVAILABILITY.map((a) => (
                  <option key={a} value={a}>
                    {t(`availability.${a}`)}
                  </option>
                ))}
              </select>
            </label>
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
            <button
              type="button"
              className="secondary icon"
              onClick={() => setHelp(true)}
              aria-label={t('header.shortcuts')}
            >
              ?
            </button>
            <span className="identity" title={me.user.email}>
              <span className="visually-hidden">{t('header.signedInAs')} </span>
              {me.user.name || me.user.email}
              <span className="role" data-testid="role">
                {me.role}
              </span>
            </span>
            <button type="button" className="secondary" onClick={signOut}>
              {t('header.logout')}
            </button>
          </>
        )}
      </header>
      <main id="desk-main" className="desk-main">
        {children}
      </main>
      <ShortcutsDialog open={help} onOpenChange={setHelp} />
    </div>
  );
}
