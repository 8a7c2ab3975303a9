/** How the dashboard writes its figures, in the UI's language: counts, hours, percentages, ratings. */
import { useTranslation } from 'react-i18next';

export function useReportFormat() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const count = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const none = t('reports.none');
  const hoursValue = (seconds: number | null | undefined) =>
    seconds === null || seconds === undefined ? null : Math.round(seconds / 360) / 10;
  const percentValue = (share: number | null | undefined) =>
    share === null || share === undefined ? null : Math.round(share * 1000) / 10;
  return {
    count: (n: number) => count.format(n),
    number: (n: number) => oneDecimal.format(n),
    hoursValue,
    percentValue,
    hours: (seconds: number | null | undefined) => {
      const h = hoursValue(seconds);
      return h === null ? none : t('reports.hours', { value: oneDecimal.format(h) });
    },
    percent: (share: number | null | undefined) => {
      const p = percentValue(share);
      return p === null ? none : `${oneDecimal.format(p)} %`;
    },
    rating: (value: number | null | undefined) =>
      value === null || value === undefined ? none : oneDecimal.format(value),
    day: (day: string) =>
      day
        ? new Date(`${day}T00:00:00Z`).toLocaleDateString(lang, { timeZone: 'UTC', dateStyle: 'medium' })
        : none,
  };
}
