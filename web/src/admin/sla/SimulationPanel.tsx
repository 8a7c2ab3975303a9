/**
 * The what-if simulation: how the tickets of a past period would have fared under this SLA, next to
 * what actually happened — as a table (overall and per priority) and a bar chart of compliance.
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { useAdminMutation, type Simulation } from '../api';
import type { ChartRow } from './SimulationChart';

const SimulationChart = lazy(() => import('./SimulationChart'));

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const percent = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${value} %`;

type Row = NonNullable<Simulation['by_priority']>[number];

export function SimulationPanel({ slaId }: { slaId: number }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(day(-90));
  const [to, setTo] = useState(day(1));
  const run = useAdminMutation((range: { from: string; to: string }) =>
    unwrap(
      api.http.POST('/api/support/admin/slas/{id}/simulate/', {
        params: { path: { id: slaId } },
        body: { from: `${range.from}T00:00:00Z`, to: `${range.to}T00:00:00Z` },
      }),
    ),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate({ from, to });
  };
  const result = run.data;
  const rows: (Row & { label: string })[] = result
    ? [
        { ...result, label: t('admin.slas.sim.overall') },
        ...(result.by_priority ?? []).map((r) => ({ ...r, label: r.priority?.name ?? '' })),
      ]
    : [];
  const chart: ChartRow[] = rows.map((r) => ({
    name: r.label,
    simulated: r.simulated?.resolution?.compliance_percent ?? 0,
    actual: r.actual?.resolution?.compliance_percent ?? 0,
  }));

  return (
    <section className="admin-section" aria-labelledby="sim-title">
      <h2 id="sim-title">{t('admin.slas.sim.title')}</h2>
      <form className="row" onSubmit={onSubmit}>
        <label className="field">
          {t('admin.slas.sim.from')}
          <input type="date" required value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          {t('admin.slas.sim.to')}
          <input type="date" required value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="secondary" disabled={run.isPending}>
          {t('admin.slas.sim.run')}
        </button>
      </form>
      {run.error ? <ProblemAlert error={run.error} /> : null}
      {result && (
        <>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('admin.slas.sim.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.slas.priority')}</th>
                  <th scope="col">{t('admin.slas.sim.tickets')}</th>
                  <th scope="col">{t('admin.slas.sim.responseSim')}</th>
                  <th scope="col">{t('admin.slas.sim.responseActual')}</th>
                  <th scope="col">{t('admin.slas.sim.resolutionSim')}</th>
                  <th scope="col">{t('admin.slas.sim.resolutionActual')}</th>
                  <th scope="col">{t('admin.slas.sim.breachedSim')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    <td>{r.tickets ?? 0}</td>
                    <td>{percent(r.simulated?.response?.compliance_percent)}</td>
                    <td>{percent(r.actual?.response?.compliance_percent)}</td>
                    <td>{percent(r.simulated?.resolution?.compliance_percent)}</td>
                    <td>{percent(r.actual?.resolution?.compliance_percent)}</td>
                    <td>
                      {(r.simulated?.response?.breached ?? 0) + (r.simulated?.resolution?.breached ?? 0)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <figure className="chart-box" aria-label={t('admin.slas.sim.chart')}>
            <Suspense fallback={null}>
              <SimulationChart rows={chart} />
            </Suspense>
          </figure>
          <p className="muted small">{t('admin.slas.sim.chartHint')}</p>
        </>
      )}
    </section>
  );
}
