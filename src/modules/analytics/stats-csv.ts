/** Each table of the report as CSV rows (header first). */
import type { CsvValue } from './csv.js';
import type { SupportStats } from './support-stats.js';

export const STATS_TABLES = [
  'series',
  'agents',
  'by_status',
  'by_channel',
  'by_category',
  'by_priority',
  'csat',
  'times',
  'sla',
] as const;
export type StatsTable = (typeof STATS_TABLES)[number];

const counts = (name: string, values: Record<string, number>): CsvValue[][] => [
  [name, 'tickets'],
  ...Object.entries(values).map(([k, n]) => [k, n]),
];

export function statsTableRows(stats: SupportStats, table: StatsTable): CsvValue[][] {
  switch (table) {
    case 'series':
      return [
        ['period', 'created', 'resolved', 'reopened', 'backlog'],
        ...stats.series.map((r) => [r.period, r.created, r.resolved, r.reopened, r.backlog]),
      ];
    case 'agents':
      return [
        [
          'agent_id',
          'name',
          'email',
          'assigned',
          'public_replies',
          'resolved',
          'median_first_response_seconds',
          'csat',
        ],
        ...stats.agents.map((a) => [
          a.agent.id,
          a.agent.name,
          a.agent.email,
          a.assigned,
          a.public_replies,
          a.resolved,
          a.median_first_response,
          a.csat,
        ]),
      ];
    case 'by_status':
      return counts('status', stats.by_status);
    case 'by_channel':
      return counts('channel', stats.by_channel);
    case 'by_category':
      return counts('category', stats.by_category);
    case 'by_priority':
      return counts('priority', stats.by_priority);
    case 'csat':
      return [['rating', 'ratings'], ...Object.entries(stats.csat.distribution).map(([k, n]) => [k, n])];
    case 'times':
      return [
        ['metric', 'basis', 'tickets', 'median_seconds', 'p90_seconds'],
        ...(['first_response_time', 'resolution_time'] as const).flatMap((metric) =>
          (['business', 'calendar'] as const).map((basis) => [
            metric,
            basis,
            stats[metric].count,
            stats[metric][basis].median,
            stats[metric][basis].p90,
          ]),
        ),
      ];
    case 'sla':
      return [
        ['metric', 'value'],
        ['response_compliance', stats.sla.response_compliance],
        ['resolution_compliance', stats.sla.resolution_compliance],
        ['breaches', stats.sla.breaches],
      ];
  }
}
