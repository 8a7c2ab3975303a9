/**
 * The dashboard's filters live in the URL (shareable, back button): `range` (7, 30, 90, 365 days ending
 * today, or `custom` with `from`/`to`), `granularity`, and the stats endpoint's own filters.
 */
import type { StatsQuery } from '../../api/reports-queries';

export const PRESETS = ['7', '30', '90', '365'] as const;
export type Range = (typeof PRESETS)[number] | 'custom';
export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'api'] as const;
/** The filters that narrow the tickets, as the URL and the endpoint both name them. */
export const SELECTS = ['team', 'agent', 'category', 'priority', 'channel'] as const;
export type SelectFilter = (typeof SELECTS)[number];

export interface ReportFilters {
  range: Range;
  from: string;
  to: string;
  granularity: Granularity;
  narrow: Partial<Record<SelectFilter, string>>;
}

const DAY_MS = 86_400_000;
const isDay = (v: string | null): v is string => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Today's date where the browser is (the presets end today). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function filtersFrom(params: URLSearchParams, today: string): ReportFilters {
  const asked = params.get('range');
  const range: Range = asked === 'custom' || PRESETS.includes(asked as never) ? (asked as Range) : '30';
  const granularityParam = params.get('granularity');
  const granularity = GRANULARITIES.includes(granularityParam as never)
    ? (granularityParam as Granularity)
    : 'day';
  let from = addDays(today, 1 - Number(range === 'custom' ? '30' : range));
  let to = today;
  if (range === 'custom') {
    const f = params.get('from');
    const t = params.get('to');
    if (isDay(t)) to = t;
    from = isDay(f) ? f : addDays(to, -29);
  }
  const narrow: ReportFilters['narrow'] = {};
  for (const name of SELECTS) {
    const value = params.get(name);
    if (value) narrow[name] = value;
  }
  return { range, from, to, granularity, narrow };
}

/** The URL parameters of `filters` (defaults left out, so the plain address is the default report). */
export function paramsOf(filters: ReportFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.range !== '30') params.set('range', filters.range);
  if (filters.range === 'custom') {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  if (filters.granularity !== 'day') params.set('granularity', filters.granularity);
  for (const name of SELECTS) {
    const value = filters.narrow[name];
    if (value) params.set(name, value);
  }
  return params;
}

/** The stats endpoint's query for `filters`. */
export function statsQueryOf(filters: ReportFilters): StatsQuery {
  const { team, agent, ...rest } = filters.narrow;
  return {
    from: filters.from,
    to: filters.to,
    granularity: filters.granularity,
    ...(team && /^\d+$/.test(team) ? { team: Number(team) } : {}),
    ...(agent && /^\d+$/.test(agent) ? { agent: Number(agent) } : {}),
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v)),
  };
}
