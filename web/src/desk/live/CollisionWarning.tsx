/**
 * The warning before sending when someone else replied to or changed the ticket since the agent began
 * writing: who did what, and the choice to send anyway, discard the text or keep editing.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ago } from '../format';
import { useNow } from '../useNow';
import type { Collision } from './collision';

interface Props {
  collision: Collision;
  busy: boolean;
  onSendAnyway: () => void;
  onDiscard: () => void;
  onReview: () => void;
}

export function CollisionWarning({ collision, busy, onSendAnyway, onDiscard, onReview }: Props) {
  const { t, i18n } = useTranslation();
  const now = useNow(10_000);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.focus(), []);
  const when = (at: string) => (at ? ` · ${ago(at, now, i18n.language)}` : '');
  const someone = t('desk.collision.someone');

  return (
    <div
      ref={box}
      className="collision"
      role="alert"
      aria-labelledby="collision-title"
      tabIndex={-1}
      data-testid="collision"
    >
      <h3 id="collision-title">{t('desk.collision.title')}</h3>
      <p>{t('desk.collision.intro')}</p>
      <ul className="collision-list">
        {collision.messages.map((m) => (
          <li key={`m${m.id}`} className={m.isInternal ? 'collision-note' : 'collision-reply'}>
            <strong>
              {t(m.isInternal ? 'desk.collision.noted' : 'desk.collision.replied', {
                name: m.sender || someone,
              })}
            </strong>
            <span className="muted small">{when(m.at)}</span>
            <blockquote>{m.excerpt}</blockquote>
          </li>
        ))}
        {collision.changes.map((c, i) => (
          <li key={`c${i}`}>
            {t('desk.collision.changed', {
              name: c.by || someone,
              field: c.field,
              from: c.from || t('desk.collision.empty'),
              to: c.to || t('desk.collision.empty'),
            })}
            <span className="muted small">{when(c.at)}</span>
          </li>
        ))}
      </ul>
      <div className="collision-actions">
        <button type="button" className="secondary" onClick={onReview}>
          {t('desk.collision.review')}
        </button>
        <button type="button" className="secondary" onClick={onDiscard}>
          {t('desk.collision.discard')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={onSendAnyway}>
          {t('desk.collision.sendAnyway')}
        </button>
      </div>
    </div>
  );
}
