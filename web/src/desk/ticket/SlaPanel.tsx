/** The SLA panel: the SLA that applies and why, the calendar, and both countdowns with the API's explanation. */
import { useTranslation } from 'react-i18next';
import { useTicketSla } from '../../api/queries';
import type { Ticket } from '../../api/types';
import { SlaBadge } from '../SlaBadge';
import { dateTime } from '../format';

export function SlaPanel({ ticket }: { ticket: Ticket }) {
  const { t, i18n } = useTranslation();
  const sla = useTicketSla(ticket.ticket_number ?? '');
  const data = sla.data;
  const calendar = data?.calendar;
  return (
    <section className="card side-panel" aria-labelledby="sla-title">
      <h2 id="sla-title">{t('sla.panel')}</h2>
      <p>
        <SlaBadge ticket={ticket} />
      </p>
      {data && (
        <dl className="facts">
          <dt>{t('sla.applied')}</dt>
          <dd>{data.sla?.applied?.name ?? t('sla.none')}</dd>
          {data.sla?.reason && (
            <>
              <dt>{t('sla.why')}</dt>
              <dd>{data.sla.reason}</dd>
            </>
          )}
          {calendar && (
            <>
              <dt>{t('sla.calendar')}</dt>
              <dd>
                {calendar.uses_business_hours
                  ? t('sla.businessHours', {
                      start: calendar.business_hours_start ?? '',
                      end: calendar.business_hours_end ?? '',
                      zone: calendar.timezone ?? '',
                    })
                  : t('sla.allHours', { zone: calendar.timezone ?? '' })}
              </dd>
            </>
          )}
          <dt>{t('sla.response')}</dt>
          <dd>{dateTime(data.response?.due_at, i18n.language)}</dd>
          <dt>{t('sla.resolution')}</dt>
          <dd>{dateTime(data.resolution?.due_at, i18n.language)}</dd>
        </dl>
      )}
      {data?.explanation && <p className="explanation">{data.explanation}</p>}
    </section>
  );
}
