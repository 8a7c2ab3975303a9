/** The SLA countdown of a ticket as text plus colour (never colour alone). */
import { useTranslation } from 'react-i18next';
import type { TicketSummary } from '../api/types';
import { duration, slaState } from './format';
import { useNow } from './useNow';

interface Props {
  ticket: Parameters<typeof slaState>[0] & Partial<TicketSummary>;
  /** The inbox's cell: leaves out which target the countdown is for; its title still says it. */
  compact?: boolean;
}

/** The countdown, moving on its own clock. */
export function SlaBadge(props: Props) {
  const now = useNow();
  return <SlaBadgeAt {...props} now={now} />;
}

/**
 * The countdown at `now`: for a list of badges that share one clock (the inbox's rows), instead of a
 * timer each.
 */
export function SlaBadgeAt({ ticket, compact = false, now }: Props & { now: number }) {
  const { t } = useTranslation();
  const state = slaState(ticket, now);
  let text: string;
  let which = '';
  switch (state.tone) {
    case 'none':
      text = t('sla.none');
      break;
    case 'paused':
      text = t('sla.paused');
      break;
    case 'met':
      text = t('sla.met');
      break;
    case 'ok':
    case 'warning':
    case 'breached': {
      const time = duration(state.remaining ?? 0);
      which = state.target === 'response' ? t('sla.response') : t('sla.resolution');
      const countdown = (state.remaining ?? 0) > 0 ? t('sla.dueIn', { time }) : t('sla.overdue', { time });
      text = compact ? countdown : `${which}: ${countdown}`;
      break;
    }
  }
  return (
    <span className={`sla sla-${state.tone}`} data-sla={state.tone} title={which || undefined}>
      {state.tone === 'breached' && <span aria-hidden="true">⚠ </span>}
      {text}
    </span>
  );
}
