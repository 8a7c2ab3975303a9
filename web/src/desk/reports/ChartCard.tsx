/**
 * One report figure: a heading, a sentence with its key numbers, the chart (a picture, hidden from
 * screen readers), its numbers as a table behind a "show table" toggle, and the table's CSV download.
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { statsCsvUrl, type StatsQuery, type StatsTable } from '../../api/reports-queries';

export interface Column {
  key: string;
  label: string;
  numeric?: boolean;
}

export type Cell = string | number;

interface Props {
  title: string;
  text: string;
  table: { columns: Column[]; rows: Cell[][]; csv: StatsTable; query: StatsQuery };
  /** The chart; without one (the agents table) the table is shown open. */
  chart?: ReactNode;
  wide?: boolean;
  testId: string;
}

export function ChartCard({ title, text, table, chart, wide, testId }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const grid = (
    <div className="report-table-scroll">
      <table className="report-table" data-testid={`${testId}-table`}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className={table.columns[j]?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className={`report-card${wide ? ' wide' : ''}`} aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      <p className="muted report-text">{text}</p>
      {chart && (
        <div className="report-chart" aria-hidden="true">
          {chart}
        </div>
      )}
      {chart ? (
        <details className="report-details">
          <summary>{t('reports.table.show')}</summary>
          {grid}
        </details>
      ) : (
        grid
      )}
      <a className="report-csv" href={statsCsvUrl(table.query, table.csv)} download>
        {t('reports.table.csv')}
        <span className="visually-hidden"> – {title}</span>
      </a>
    </section>
  );
}
