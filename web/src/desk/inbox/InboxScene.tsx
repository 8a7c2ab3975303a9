/**
 * /desk: the inbox. Views down the side, search/filters/sort on top, the rows below with keyset
 * infinite scrolling (the next page loads when the end of the list comes into view) and bulk actions
 * for the selected rows. j/k move, Enter opens, / searches.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useInbox } from '../../api/inbox-queries';
import type { TicketSummary } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';
import { routes } from '../../routes';
import { useHotkeys } from '../hotkeys';
import { useStaff } from '../useStaff';
import { useAfterPaint } from '../after-paint';
import { BulkBar } from './BulkBar';
import { InboxFilters } from './InboxFilters';
import { InboxTable } from './InboxTable';
import { useNextPageOnView } from './next-page';
import { useSavedViews } from './saved-views';
import { rememberInboxOrder } from './seen';
import { inboxQuery, isView, VIEWS } from './views';

/** Rows in the first render: a screenful at 800 px; the rest of the page comes once these are painted. */
const FIRST_SCREEN = 20;

export default function InboxScene() {
  const { t } = useTranslation();
  const me = useStaff();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = isView(params.get('view')) ? params.get('view') : 'mine';
  const query = useMemo(() => inboxQuery(params), [params]);
  const inbox = useInbox(query);
  const tickets = useMemo(() => inbox.data?.pages.flatMap((p) => p.results ?? []) ?? [], [inbox.data]);
  const painted = useAfterPaint(tickets.length > 0);
  const shown = useMemo(() => (painted ? tickets : tickets.slice(0, FIRST_SCREEN)), [painted, tickets]);
  const [active, setActive] = useState(0);
  const [focusTick, setFocusTick] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const search = useRef<HTMLInputElement>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const saved = useSavedViews(me.user.id);
  const [saving, setSaving] = useState(false);

  useEffect(() => rememberInboxOrder(tickets.map((x) => x.ticket_number ?? '')), [tickets]);
  useEffect(() => setActive((a) => Math.min(a, Math.max(tickets.length - 1, 0))), [tickets.length]);

  // Keyset infinite scroll: the sentinel below the rows asks for the next page when it comes into view.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = inbox;
  // Not while the first screenful stands alone: the sentinel right below it is not the end of the page.
  useNextPageOnView(sentinel, painted && hasNextPage && !inbox.isFetching, fetchNextPage);

  const open = (ticket: TicketSummary | undefined) => {
    if (ticket?.ticket_number) void navigate(routes.deskTicket(ticket.ticket_number));
  };
  useHotkeys({
    j: () => {
      // The first press takes the agent to the active row; later ones move on.
      setActive((a) => (focusTick === 0 ? a : Math.min(a + 1, tickets.length - 1)));
      setFocusTick((n) => n + 1);
    },
    k: () => {
      setActive((a) => Math.max(a - 1, 0));
      setFocusTick((n) => n + 1);
    },
    Enter: () => open(tickets[active]),
    '/': () => search.current?.focus(),
  });

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next);
    setActive(0);
  };
  const setFilter = (name: string, value: string) =>
    update((next) => (value ? next.set(name, value) : next.delete(name)));
  const select = (numbers: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const n of numbers) {
        if (on) next.add(n);
        else next.delete(n);
      }
      return next;
    });

  return (
    <div className="inbox">
      <nav className="views" aria-label={t('views.label')}>
        <ul>
          {VIEWS.map((v) => (
            <li key={v}>
              <Link to={`${routes.desk}?view=${v}`} aria-current={v === view ? 'page' : undefined}>
                {t(`views.${v}`)}
              </Link>
            </li>
          ))}
        </ul>
        {saved.views.length > 0 && (
          <>
            <h2 className="views-heading">{t('views.saved')}</h2>
            <ul>
              {saved.views.map((v) => (
                <li key={v.name} className="saved-view">
                  <Link
                    to={`${routes.desk}?${v.search}`}
                    aria-current={v.search === params.toString() ? 'page' : undefined}
                  >
                    {v.name}
                  </Link>
                  <button
                    type="button"
                    className="link"
                    aria-label={t('views.remove', { name: v.name })}
                    onClick={() => saved.remove(v.name)}
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        {saving ? (
          <form
            className="save-view"
            onSubmit={(e) => {
              e.preventDefault();
              const name = new FormData(e.currentTarget).get('name');
              if (typeof name === 'string' && name.trim()) saved.save(name.trim(), params.toString());
              setSaving(false);
            }}
          >
            <label>
              <span className="visually-hidden">{t('views.name')}</span>
              <input name="name" placeholder={t('views.name')} required maxLength={60} />
            </label>
            <button type="submit" className="secondary">
              {t('views.save')}
            </button>
          </form>
        ) : (
          <button type="button" className="link" onClick={() => setSaving(true)}>
            {t('views.saveCurrent')}
          </button>
        )}
      </nav>
      <section className="inbox-main" aria-labelledby="inbox-title" aria-busy={inbox.isFetching}>
        <div className="inbox-head">
          <h1 id="inbox-title">
            {t(`views.${view ?? 'mine'}`)}
            <span className="muted count">
              {' '}
              · {t('inbox.count', { count: tickets.length })}
              {hasNextPage ? '+' : ''}
            </span>
          </h1>
        </div>
        <InboxFilters
          ready={painted || inbox.isError || (inbox.isSuccess && tickets.length === 0)}
          ref={search}
          params={params}
          onChange={setFilter}
          onSearch={(q) => setFilter('q', q.trim())}
          onClear={() =>
            update((next) => [...next.keys()].filter((k) => k !== 'view').forEach((k) => next.delete(k)))
          }
        />
        {selected.size > 0 && <BulkBar selected={[...selected]} onClear={() => setSelected(new Set())} />}
        {inbox.isError && <ProblemAlert error={inbox.error} />}
        {inbox.isPending && <p className="muted">{t('app.loading')}</p>}
        {inbox.isSuccess && tickets.length === 0 && <p className="empty">{t('inbox.empty')}</p>}
        {tickets.length > 0 && (
          <InboxTable
            tickets={shown}
            active={active}
            focusTick={focusTick}
            onActivate={setActive}
            onOpen={open}
            selected={selected}
            onSelect={select}
          />
        )}
        <div ref={sentinel} className="sentinel">
          {hasNextPage ? (
            <button
              type="button"
              className="secondary"
              disabled={isFetchingNextPage}
              onClick={() => void fetchNextPage()}
            >
              {isFetchingNextPage ? t('inbox.loadingMore') : t('inbox.loadMore')}
            </button>
          ) : (
            tickets.length > 0 && <p className="muted">{t('inbox.end')}</p>
          )}
        </div>
      </section>
    </div>
  );
}
