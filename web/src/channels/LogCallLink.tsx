/** "Log a call" on a ticket page: opens the call form with the ticket filled in (the call becomes a note). */
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function LogCallLink({ ticket }: { ticket: string }) {
  const { t } = useTranslation();
  return (
    <p>
      <Link to={`/desk/calls/new?ticket=${encodeURIComponent(ticket)}`}>{t('channels.logCall')}</Link>
    </p>
  );
}
