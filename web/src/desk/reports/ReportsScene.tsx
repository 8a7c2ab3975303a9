/**
 * /desk/reports: the support report for admins (the workspace's managers) — key figures, created vs
 * resolved, backlog, response and resolution percentiles, SLA compliance, CSAT with the latest comments,
 * channel mix and the per-agent table, all from GET /api/support/stats/ with the filters in the URL.
 * A chunk of its own (recharts is only loaded here). Agents see a notice; the API refuses them too.
 */
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useStats, type SupportStats } from '../../api/reports-queries';
import { ProblemAlert } from '../../components/ProblemAlert';
import { routes } from '../../routes';
import { useStaff } from '../useStaff';
import { BacklogChart, PairBarChart, ValueBarChart, VolumeChart } from './charts';
import { ChartCard } from './ChartCard';
import { filtersFrom, localToday, paramsOf, statsQueryOf, type ReportFilters } from './filters';
import { useReportFormat } from './format';
import { ReportFiltersBar } from './ReportFiltersBar';
import './reports.css';

export default function ReportsScene() {
  const { t } = useTranslation();
  const me = useStaff();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params, localToday());
  const query = statsQueryOf(filters);
  const allowed = me.role === 'admin';
  const stats = useStats(query, allowed);
  const change = (next: ReportFilters) => setParams(paramsOf(next));

  if (!allowed) {
    return (
      <section className="reports" aria-labelledby="reports-title">
        <h1 id="reports-title">{t('reports.title')}</h1>
        <p>{t('reports.forbidden')}</p>
      </section>
    );
  }
  return (
    <section className="reports" aria-labelledby="reports-title" aria-busy={stats.isFetching}>
      <h1 id="reports-title">{t('reports.title')}</h1>
      <Filters
        filters={filters}
        stats={stats.data}
        onChange={change}
        onReset={() => setParams(new URLSearchParams())}
      />
      {stats.error && <ProblemAlert error={stats.error} />}
      {stats.data ? (
        <Report stats={stats.data} query={query} />
      ) : (
        !stats.error && (
          <p role="status" className="muted">
            {t('reports.loading')}
          </p>
        )
      )}
    </section>
  );
}

/** The filter bar, offered the agents the report names besides the team members. */
function Filters({
  filters,
  stats,
  onChange,
  onReset,
}: {
  filters: ReportFilters;
  stats: SupportStats | undefined;
  onChange: (next: ReportFilters) => void;
  onReset: () => void;
}) {
  const extraAgents = (stats?.agents ?? []).map((a) => ({ id: a.agent?.id ?? 0, name: a.agent?.name ?? '' }));
  return (
    <ReportFiltersBar filters={filters} extraAgents={extraAgents} onChange={onChange} onReset={onReset} />
  );
}

function Report({ stats, query }: { stats: SupportStats; query: ReturnType<typeof statsQueryOf> }) {
  const { t } = useTranslation();
  const f = useReportFormat();
  const series = (stats.series ?? []).map((r) => ({
    period: r.period ?? '',
    created: r.created ?? 0,
    resolved: r.resolved ?? 0,
    reopened: r.reopened ?? 0,
    backlog: r.backlog ?? 0,
  }));
  const range = stats.range ?? {};
  const frt = stats.first_response_time ?? {};
  const rt = stats.resolution_time ?? {};
  const sla = stats.sla ?? {};
  const csat = stats.csat ?? {};
  const distribution = [1, 2, 3, 4, 5].map((n) => ({ n, count: csat.distribution?.[String(n)] ?? 0 }));
  const channels = Object.entries(stats.by_channel ?? {}).sort((a, b) => b[1] - a[1]);
  const seriesColumns = [
    { key: 'period', label: t('reports.table.period') },
    { key: 'created', label: t('reports.table.created'), numeric: true },
    { key: 'resolved', label: t('reports.table.resolved'), numeric: true },
    { key: 'reopened', label: t('reports.table.reopened'), numeric: true },
    { key: 'backlog', label: t('reports.table.backlog'), numeric: true },
  ];
  const seriesRows = series.map((r) => [r.period, r.created, r.resolved, r.reopened, r.backlog]);
  const timeRows = [
    { name: t('reports.metric.p50Business'), a: frt.business?.median, b: rt.business?.median },
    { name: t('reports.metric.p90Business'), a: frt.business?.p90, b: rt.business?.p90 },
    { name: t('reports.metric.p50Calendar'), a: frt.calendar?.median, b: rt.calendar?.median },
    { name: t('reports.metric.p90Calendar'), a: frt.calendar?.p90, b: rt.calendar?.p90 },
  ];
  const summary = [
    ['created', f.count(stats.created ?? 0)],
    ['resolved', f.count(stats.resolved ?? 0)],
    ['reopened', f.count(stats.reopened ?? 0)],
    ['backlog', f.count(stats.backlog ?? 0)],
    ['csat', f.rating(csat.average)],
    ['responseRate', f.percent(csat.response_rate)],
  ] as const;

  return (
    <>
      <dl className="report-summary" aria-label={t('reports.summary.label')} data-testid="report-summary">
        {summary.map(([key, value]) => (
          <div key={key} data-metric={key}>
            <dt>{t(`reports.summary.${key}`)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="report-grid">
        <ChartCard
          testId="report-volume"
          wide
          title={t('reports.charts.volume')}
          text={t('reports.charts.volumeText', {
            created: f.count(stats.created ?? 0),
            resolved: f.count(stats.resolved ?? 0),
            from: f.day(range.from ?? ''),
            to: f.day(range.to ?? ''),
          })}
          chart={
            <VolumeChart
              rows={series}
              names={{ created: t('reports.table.created'), resolved: t('reports.table.resolved') }}
            />
          }
          table={{ columns: seriesColumns, rows: seriesRows, csv: 'series', query }}
        />
        <ChartCard
          testId="report-backlog"
          title={t('reports.charts.backlog')}
          text={t('reports.charts.backlogText', {
            first: f.count(series[0]?.backlog ?? 0),
            last: f.count(series.at(-1)?.backlog ?? 0),
          })}
          chart={<BacklogChart rows={series} name={t('reports.table.backlog')} />}
          table={{
            columns: [seriesColumns[0]!, seriesColumns[4]!],
            rows: series.map((r) => [r.period, r.backlog]),
            csv: 'series',
            query,
          }}
        />
        <ChartCard
          testId="report-times"
          title={t('reports.charts.times')}
          text={t('reports.charts.timesText')}
          chart={
            <PairBarChart
              rows={timeRows.map((r) => ({ name: r.name, a: f.hoursValue(r.a), b: f.hoursValue(r.b) }))}
              names={{ a: t('reports.metric.firstResponse'), b: t('reports.metric.resolution') }}
              format={(v) => f.number(v)}
            />
          }
          table={{
            columns: [
              { key: 'metric', label: t('reports.table.metric') },
              { key: 'tickets', label: t('reports.table.tickets'), numeric: true },
              ...timeRows.map((r, i) => ({ key: `t${i}`, label: r.name, numeric: true })),
            ],
            rows: [
              [
                t('reports.metric.firstResponse'),
                f.count(frt.count ?? 0),
                ...timeRows.map((r) => f.hours(r.a)),
              ],
              [t('reports.metric.resolution'), f.count(rt.count ?? 0), ...timeRows.map((r) => f.hours(r.b))],
            ],
            csv: 'times',
            query,
          }}
        />
        <ChartCard
          testId="report-sla"
          title={t('reports.charts.sla')}
          text={t('reports.charts.slaText', {
            response: f.percent(sla.response_compliance),
            resolution: f.percent(sla.resolution_compliance),
            breaches: f.count(sla.breaches ?? 0),
          })}
          chart={
            <ValueBarChart
              rows={[
                {
                  name: t('reports.metric.responseCompliance'),
                  value: f.percentValue(sla.response_compliance),
                },
                {
                  name: t('reports.metric.resolutionCompliance'),
                  value: f.percentValue(sla.resolution_compliance),
                },
              ]}
              name="%"
              max={100}
              format={(v) => `${f.number(v)} %`}
            />
          }
          table={{
            columns: [
              { key: 'metric', label: t('reports.table.metric') },
              { key: 'value', label: t('reports.table.value'), numeric: true },
            ],
            rows: [
              [t('reports.metric.responseCompliance'), f.percent(sla.response_compliance)],
              [t('reports.metric.resolutionCompliance'), f.percent(sla.resolution_compliance)],
              [t('reports.metric.breaches'), f.count(sla.breaches ?? 0)],
            ],
            csv: 'sla',
            query,
          }}
        />
        <ChartCard
          testId="report-csat"
          title={t('reports.charts.csat')}
          text={t('reports.charts.csatText', {
            ratings: f.count(csat.ratings ?? 0),
            average: f.rating(csat.average),
          })}
          chart={
            <ValueBarChart
              rows={distribution.map((d) => ({ name: t('reports.stars', { count: d.n }), value: d.count }))}
              name={t('reports.table.ratings')}
              format={(v) => f.count(v)}
            />
          }
          table={{
            columns: [
              { key: 'rating', label: t('reports.table.rating') },
              { key: 'ratings', label: t('reports.table.ratings'), numeric: true },
            ],
            rows: distribution.map((d) => [t('reports.stars', { count: d.n }), f.count(d.count)]),
            csv: 'csat',
            query,
          }}
        />
        <ChartCard
          testId="report-channels"
          title={t('reports.charts.channels')}
          text={t('reports.charts.channelsText')}
          chart={
            <ValueBarChart
              rows={channels.map(([c, n]) => ({ name: t(`channel.${c}`, { defaultValue: c }), value: n }))}
              name={t('reports.table.tickets')}
              format={(v) => f.count(v)}
            />
          }
          table={{
            columns: [
              { key: 'channel', label: t('reports.table.channel') },
              { key: 'tickets', label: t('reports.table.tickets'), numeric: true },
            ],
            rows: channels.map(([c, n]) => [t(`channel.${c}`, { defaultValue: c }), f.count(n)]),
            csv: 'by_channel',
            query,
          }}
        />
        <section className="report-card" aria-labelledby="report-comments" data-testid="report-comments">
          <h2 id="report-comments">{t('reports.charts.comments')}</h2>
          {(csat.latest_comments ?? []).length === 0 ? (
            <p className="muted">{t('reports.charts.noComments')}</p>
          ) : (
            <ul className="report-comments">
              {(csat.latest_comments ?? []).map((c) => (
                <li key={c.ticket_number}>
                  <Link to={routes.deskTicket(c.ticket_number ?? '')}>{c.ticket_number}</Link>{' '}
                  <span className="report-stars">{t('reports.stars', { count: c.rating ?? 0 })}</span>
                  <q>{c.comment}</q>
                </li>
              ))}
            </ul>
          )}
        </section>
        <ChartCard
          testId="report-agents"
          wide
          title={t('reports.charts.agents')}
          text={stats.agents?.length ? '' : t('reports.charts.empty')}
          table={{
            columns: [
              { key: 'agent', label: t('reports.table.agent') },
              { key: 'assigned', label: t('reports.table.assigned'), numeric: true },
              { key: 'replies', label: t('reports.table.publicReplies'), numeric: true },
              { key: 'resolved', label: t('reports.table.resolved'), numeric: true },
              { key: 'first', label: t('reports.table.medianFirstResponse'), numeric: true },
              { key: 'csat', label: t('reports.table.csat'), numeric: true },
            ],
            rows: (stats.agents ?? []).map((a) => [
              a.agent?.name || a.agent?.email || '',
              f.count(a.assigned ?? 0),
              f.count(a.public_replies ?? 0),
              f.count(a.resolved ?? 0),
              f.hours(a.median_first_response),
              f.rating(a.csat),
            ]),
            csv: 'agents',
            query,
          }}
        />
      </div>
    </>
  );
}
