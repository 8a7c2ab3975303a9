/** The dashboard's filters: period (preset or custom dates), granularity, and what narrows the tickets. */
import { useTranslation } from 'react-i18next';
import { useAgents, useCategories, usePriorities, useTeams } from '../../api/queries';
import {
  CHANNELS,
  GRANULARITIES,
  PRESETS,
  type Granularity,
  type Range,
  type ReportFilters,
  type SelectFilter,
} from './filters';

interface Props {
  filters: ReportFilters;
  /** Agents the report names who are in no team (the team list is where agents come from). */
  extraAgents: { id: number; name: string }[];
  onChange: (next: ReportFilters) => void;
  onReset: () => void;
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="report-field">
      <span>{label}</span>
      {children}
    </label>
  );
}

export function ReportFiltersBar({ filters, extraAgents, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const teams = useTeams().data?.results ?? [];
  const { agents } = useAgents();
  const categories = useCategories().data?.results ?? [];
  const priorities = usePriorities().data?.results ?? [];
  const agentOptions = new Map<number, string>();
  for (const a of [...agents, ...extraAgents]) agentOptions.set(a.id, a.name);

  const options: Record<SelectFilter, { value: string; label: string }[]> = {
    team: teams.map((x) => ({ value: String(x.id ?? ''), label: x.name ?? '' })),
    agent: [...agentOptions].map(([id, name]) => ({ value: String(id), label: name })),
    category: categories.map((c) => ({ value: c.slug ?? '', label: c.name ?? '' })),
    priority: priorities.map((p) => ({ value: p.code ?? '', label: p.name ?? '' })),
    channel: CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) })),
  };
  const narrow = (name: SelectFilter, value: string) =>
    onChange({ ...filters, narrow: { ...filters.narrow, [name]: value || undefined } });

  return (
    <form
      className="report-filters"
      aria-label={t('reports.filters.label')}
      onSubmit={(e) => e.preventDefault()}
    >
      <Field label={t('reports.filters.range')}>
        <select
          name="range"
          value={filters.range}
          onChange={(e) => onChange({ ...filters, range: e.target.value as Range })}
        >
          {[...PRESETS, 'custom' as const].map((r) => (
            <option key={r} value={r}>
              {t(`reports.filters.presets.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      {filters.range === 'custom' && (
        <>
          <Field label={t('reports.filters.from')}>
            <input
              type="date"
              name="from"
              value={filters.from}
              max={filters.to}
              onChange={(e) => e.target.value && onChange({ ...filters, from: e.target.value })}
            />
          </Field>
          <Field label={t('reports.filters.to')}>
            <input
              type="date"
              name="to"
              value={filters.to}
              min={filters.from}
              onChange={(e) => e.target.value && onChange({ ...filters, to: e.target.value })}
            />
          </Field>
        </>
      )}
      <Field label={t('reports.filters.granularity')}>
        <select
          name="granularity"
          value={filters.granularity}
          onChange={(e) => onChange({ ...filters, granularity: e.target.value as Granularity })}
        >
          {GRANULARITIES.map((g) => (
            <option key={g} value={g}>
              {t(`reports.filters.granularities.${g}`)}
            </option>
          ))}
        </select>
      </Field>
      {(Object.keys(options) as SelectFilter[]).map((name) => (
        <Field key={name} label={t(`reports.filters.${name}`)}>
          <select
            name={name}
            value={filters.narrow[name] ?? ''}
            onChange={(e) => narrow(name, e.target.value)}
          >
            <option value="">{t('reports.filters.any')}</option>
            {options[name].map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </Field>
      ))}
      <button type="button" className="secondary" onClick={onReset}>
        {t('reports.filters.reset')}
      </button>
    </form>
  );
}
