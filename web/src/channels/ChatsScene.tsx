/** /desk/chats: the open live chats, one conversation at a time, answered in real time with typing both ways. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { routes } from '../routes';
import { useChatSocket } from './useChatSocket';

const KEY = ['chat', 'conversations'];

export default function ChatsScene() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const chats = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => unwrap(api.http.GET('/api/support/chat/conversations/', { signal })),
  });
  const live = useChatSocket(() => void client.invalidateQueries({ queryKey: KEY }));
  const [selected, setSelected] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const typingTimer = useRef<number | undefined>(undefined);
  const list = chats.data?.results ?? [];
  const current = list.find((c) => c.ticket_id === selected);
  const { history, typingNow, say, connected } = live;

  useEffect(() => {
    if (selected !== null && connected) history(selected);
  }, [selected, connected, history]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (selected === null || !draft.trim()) return;
    say(selected, draft.trim());
    typingNow(selected, false);
    setDraft('');
  };
  const onType = (value: string) => {
    setDraft(value);
    if (selected === null) return;
    typingNow(selected, true);
    window.clearTimeout(typingTimer.current);
    typingTimer.current = window.setTimeout(() => typingNow(selected, false), 3000);
  };

  return (
    <section className="card chats" aria-labelledby="chats-title">
      <h1 id="chats-title">{t('channels.chats')}</h1>
      {!connected && <p role="status">{t('channels.connecting')}</p>}
      <div className="chats-layout" style={{ display: 'flex', gap: '1rem' }}>
        <nav aria-label={t('channels.chats')} style={{ minWidth: '14rem' }}>
          {list.length === 0 ? (
            <p>{t('channels.noChats')}</p>
          ) : (
            <ul>
              {list.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    aria-current={c.ticket_id === selected ? 'true' : undefined}
                    onClick={() => setSelected(c.ticket_id ?? null)}
                  >
                    {c.customer?.name || c.customer?.email} · {t(`channels.status.${c.status ?? 'waiting'}`)}
                    {live.typing[c.ticket_id ?? 0] ? ' ✎' : ''}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <div style={{ flex: 1 }}>
          {!current ? (
            <p>{t('channels.pickChat')}</p>
          ) : (
            <>
              <h2>
                {t('channels.conversation', { name: current.customer?.name || current.customer?.email })}
              </h2>
              <p>
                <Link to={routes.deskTicket(current.ticket_number ?? '')}>
                  {t('channels.openTicket', { number: current.ticket_number })}
                </Link>
              </p>
              <ol
                role="log"
                aria-live="polite"
                aria-label={t('channels.conversation', { name: current.customer?.name })}
              >
                {(live.lines[current.ticket_id ?? 0] ?? []).map((l) => (
                  <li key={l.id} className={`chat-line ${l.author}`}>
                    <strong>{l.author === 'note' ? t('channels.note') : l.name}:</strong> {l.text}
                  </li>
                ))}
              </ol>
              <p aria-live="polite">
                {live.typing[current.ticket_id ?? 0]
                  ? t('channels.visitorTyping', { name: live.typing[current.ticket_id ?? 0] })
                  : ''}
              </p>
              <form onSubmit={onSubmit} className="stack">
                <label htmlFor="chat-reply">{t('channels.reply')}</label>
                <textarea id="chat-reply" rows={2} value={draft} onChange={(e) => onType(e.target.value)} />
                <button type="submit">{t('channels.send')}</button>
              </form>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
