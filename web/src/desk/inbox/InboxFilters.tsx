/** The inbox's search box, filters and sort; each writes the URL (one history entry per change). */
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgents, useCategories, usePriorities, useTags, useTeams } from '../../api/queries';
import { SORTS } from './views';

const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed', 'cancelled'] as const;
const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'api'] as const;
const SORT_LABELS = {
  created_at: 'inbox.sortNewest',
  '-created_at': 'inbox.sortOldest',
  updated_at: 'inbox.sortUpdated',
  response_due_at: 'inbox.sortResponseDue',
  resolution_due_at: 'inbox.sortResolutionDue',
} as const;

interface Props {
  /** The option lists are asked for once this is true (the inbox sets it once its rows are painted). */
  ready: boolean;
  params: URLSearchParams;
  onChange: (name: string, value: string) => void;
  onSearch: (q: string) => void;
  onClear: () => void;
}

function Select({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  // The address's value is shown even before the list it belongs to has loaded (or when it names an
  // inactive one): otherwise the select reads "any" while the inbox is filtered by it.
  const shown =
    value !== '' && !options.some((o) => o.value === value) ? [...options, { value, label: value }] : options;
  return (
    <label className="compact-field">
      <span className="visually-hidden">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export const InboxFilters = forwardRef<HTMLInputElement, Props>(function InboxFilters(
  { ready, params, onChange, onSearch, onClear },
  searchRef,
) {
  const { t } = useTranslation();
  const teams = useTeams(ready).data?.results ?? [];
  const { agents } = useAgents(ready);
  const tags = useTags(ready).data?.results ?? [];
  const categories = useCategories(ready).data?.results ?? [];
  const priorities = usePriorities(ready).data?.results ?? [];
  const get = (name: string) => params.get(name) ?? '';
  const any = (label: string) => ({ value: '', label });

  return (
    <div className="inbox-filters">
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const input = new FormData(e.currentTarget).get('q');
          onSearch(typeof input === 'string' ? input : '');
        }}
      >
        <label className="search-field">
          <span className="visually-hidden">{t('inbox.search')}</span>
          <input
            ref={searchRef}
            name="q"
            type="search"
            key={get('q')}
            defaultValue={get('q')}
            placeholder={t('inbox.searchPlaceholder')}
          />
        </label>
      </form>
      <fieldset className="filter-row">
        <legend className="visually-hidden">{t('inbox.filters')}</legend>
        <Select
          label={t('ticket.status')}
          value={get('status')}
          onChange={(v) => onChange('status', v)}
          options={[
            any(t('inbox.anyStatus')),
            ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <Select
          label={t('ticket.priority')}
          value={get('priority')}
          onChange={(v) => onChange('priority', v)}
          options={[
            any(t('inbox.anyPriority')),
            ...priorities.map((p) => ({ value: p.code ?? '', label: p.name ?? '' })),
          ]}
        />
        <Select
          label={t('ticket.category')}
          value={get('category')}
          onChange={(v) => onChange('category', v)}
          options={[
            any(t('inbox.anyCategory')),
            ...categories.map((c) => ({ value: c.slug ?? '', label: c.name ?? '' })),
          ]}
        />
        <Select
          label={t('ticket.team')}
          value={get('team')}
          onChange={(v) => onChange('team', v)}
          options={[
            any(t('inbox.anyTeam')),
            ...teams.map((x) => ({ value: String(x.id), label: x.name ?? '' })),
          ]}
        />
        <Select
          label={t('ticket.assignee')}
          value={get('assigned_to')}
          onChange={(v) => onChange('assigned_to', v)}
          options={[
            any(t('inbox.anyAssignee')),
            { value: 'me', label: t('inbox.me') },
            { value: 'none', label: t('inbox.unassigned') },
            ...agents.map((a) => ({ value: String(a.id), label: a.name })),
          ]}
        />
        <Select
          label={t('ticket.tags')}
          value={get('tag')}
          onChange={(v) => onChange('tag', v)}
          options={[
            any(t('inbox.anyTag')),
            ...tags.map((x) => ({ value: x.slug ?? '', label: x.name ?? '' })),
          ]}
        />
        <Select
          label={t('ticket.channel')}
          value={get('channel')}
          onChange={(v) => onChange('channel', v)}
          options={[
            any(t('inbox.anyChannel')),
            ...CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
          ]}
        />
        <label className="check-field">
          <input
            type="checkbox"
            checked={get('breached') === 'true'}
            onChange={(e) => onChange('breached', e.target.checked ? 'true' : '')}
          />
          {t('inbox.breachedOnly')}
        </label>
        <Select
          label={t('inbox.sort')}
          value={get('sort')}
          onChange={(v) => onChange('sort', v)}
          options={[
            { value: '', label: t('inbox.sort') },
            ...SORTS.map((s) => ({ value: s, label: t(SORT_LABELS[s]) })),
          ]}
        />
        <button type="button" className="link" onClick={onClear}>
          {t('inbox.clearFilters')}
        </button>
      </fieldset>
    </div>
  );
});
