/** The simulation's bar chart (recharts), a chunk of its own: loaded only once a simulation has run. */
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface ChartRow {
  name: string;
  simulated: number;
  actual: number;
}

export default function SimulationChart({ rows }: { rows: ChartRow[] }) {
  const { t } = useTranslation();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" />
        <YAxis domain={[0, 100]} unit=" %" />
        <Tooltip />
        <Legend />
        <Bar dataKey="simulated" name={t('admin.slas.sim.simulated')} fill="#2f5bea" />
        <Bar dataKey="actual" name={t('admin.slas.sim.actual')} fill="#8a4b00" />
      </BarChart>
    </ResponsiveContainer>
  );
}
