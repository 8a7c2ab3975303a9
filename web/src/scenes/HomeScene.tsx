/** /app: a logged-in customer's home, their own tickets (staff work in the desk, /desk). */
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MeResponse } from '../api/client';
import { AppHeader } from '../components/AppHeader';
import { TicketsPanel } from '../components/TicketsPanel';
import { routes } from '../routes';

export function HomeScene({ me }: { me: MeResponse }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  return (
    <>
      <AppHeader me={me} />
      <main className="home">
        <div className="home-actions">
          <button type="button" className="primary" onClick={() => void navigate(routes.newTicket)}>
            {t('portal.newTicket')}
          </button>
        </div>
        <TicketsPanel title={t('portal.myTickets')} />
      </main>
    </>
  );
}
