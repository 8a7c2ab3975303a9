/**
 * The bell in the desk header: the agent's unread count, and on click their latest notifications
 * (assigned to you, customer replied, SLA warning…) linking to the ticket, each marked read when
 * opened, all at once by a button. New ones arrive by the event stream (api/events.ts), also as
 * browser notifications when the agent turned those on.
 */
import { Popover } from 'radix-ui';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  useNotificationActions,
  useNotifications,
  useUnreadCount,
  type Notification,
} from '../../api/desk-queries';
import { onNotification } from '../../api/events';
import { routes } from '../../routes';
import { ago } from '../format';
import { useNow } from '../useNow';
import { browserNotices, enableBrowserNotices, showBrowserNotice } from './browser-notifications';

const ticketLink = (n: Notification) => (n.ticket_id ? routes.deskTicket(String(n.ticket_id)) : null);

/** `ready`: the unread count is asked for (the desk sets it once its screen has been painted). */
export function NotificationBell({ ready = true }: { ready?: boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount(ready).data?.unread ?? 0;
  const list = useNotifications(open);
  const { markRead, markAllRead } = useNotificationActions();
  const now = useNow(30_000);

  useEffect(
    () =>
      onNotification((event) => {
        const kind = t(`desk.notifications.kinds.${event.kind}`, { defaultValue: event.kind });
        const url = event.ticket_id ? routes.deskTicket(String(event.ticket_id)) : null;
        showBrowserNotice(t('desk.notifications.title'), kind, url);
      }),
    [t],
  );

  const label =
    unread > 0 ? t('desk.notifications.bellUnread', { count: unread }) : t('desk.notifications.bell');
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <button type="button" className="secondary icon bell" aria-label={label} data-testid="bell">
          <svg aria-hidden="true" viewBox="0 0 24 24" width="18" height="18">
            <path
              fill="currentColor"
              d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
            />
          </svg>
          {unread > 0 && (
            <span className="bell-count" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          )}
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="menu notifications"
          align="end"
          sideOffset={6}
          aria-label={t('desk.notifications.title')}
        >
          <div className="notifications-head">
            <h2>{t('desk.notifications.title')}</h2>
            <button
              type="button"
              className="link"
              disabled={unread === 0 || markAllRead.isPending}
              onClick={() => markAllRead.mutate()}
            >
              {t('desk.notifications.markAllRead')}
            </button>
          </div>
          {list.isSuccess && (list.data.results ?? []).length === 0 && (
            <p className="muted small">{t('desk.notifications.empty')}</p>
          )}
          <ul className="notification-list">
            {(list.data?.results ?? []).map((n) => {
              const href = ticketLink(n);
              const kind = t(`desk.notifications.kinds.${n.kind}`, { defaultValue: n.kind });
              const read = () => {
                if (!n.is_read) markRead.mutate(n.id);
                setOpen(false);
              };
              return (
                <li key={n.id} className={n.is_read ? 'read' : 'unread'} data-testid="notification">
                  {!n.is_read && <span className="visually-hidden">{t('desk.notifications.unread')}: </span>}
                  <span className="notification-kind">{kind}</span>
                  {href ? (
                    <Link to={href} onClick={read}>
                      {n.title}
                    </Link>
                  ) : (
                    <span>{n.title}</span>
                  )}
                  <time className="muted small" dateTime={n.created_at}>
                    {ago(n.created_at, now, i18n.language)}
                  </time>
                </li>
              );
            })}
          </ul>
          <BrowserNoticesSwitch />
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

/**
 * Turning browser notifications on, inside the open popover only: reading the browser's permission is a
 * synchronous round trip to the browser process (~90 ms on a busy machine), too dear for the desk's
 * first paint.
 */
function BrowserNoticesSwitch() {
  const { t } = useTranslation();
  const [notices, setNotices] = useState(browserNotices);
  if (notices === 'off')
    return (
      <button type="button" className="link" onClick={() => void enableBrowserNotices().then(setNotices)}>
        {t('desk.notifications.enableBrowser')}
      </button>
    );
  if (notices === 'on') return <p className="muted small">{t('desk.notifications.browserOn')}</p>;
  if (notices === 'blocked') return <p className="muted small">{t('desk.notifications.browserBlocked')}</p>;
  return null;
}
