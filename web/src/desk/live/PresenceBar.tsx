/**
 * The other agents on the ticket: an avatar (initials) each, marked while they type, and a line saying
 * who types — so two agents do not answer the same customer at once.
 */
import { useTranslation } from 'react-i18next';
import type { PresenceEntry } from '../../api/desk-queries';
import { useNow } from '../useNow';

const initials = (name: string) =>
  name
    .split(/[\s@.]+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');

export function PresenceBar({ others }: { others: PresenceEntry[] }) {
  const { t } = useTranslation();
  const now = useNow(5_000);
  const here = others.filter((p) => !p.expires_at || new Date(p.expires_at).getTime() > now);
  if (here.length === 0) return null;
  const typing = here.filter((p) => p.state === 'typing');
  return (
    <div className="presence" data-testid="presence">
      <ul className="presence-avatars" aria-label={t('desk.presence.label')}>
        {here.map((p) => {
          const name = p.user?.name ?? '';
          const label =
            p.state === 'typing' ? t('desk.presence.typing', { name }) : t('desk.presence.viewing', { name });
          return (
            <li
              key={p.user?.id}
              className={`avatar ${p.state === 'typing' ? 'avatar-typing' : ''}`}
              title={label}
              aria-label={label}
            >
              <span aria-hidden="true">{initials(name)}</span>
            </li>
          );
        })}
      </ul>
      <span className="presence-typing" role="status">
        {typing.map((p) => t('desk.presence.typing', { name: p.user?.name ?? '' })).join(' ')}
      </span>
    </div>
  );
}
