/** The SLA's holidays as editable rows: date, name, every year; add and remove. */
import { useTranslation } from 'react-i18next';
import type { HolidayRow } from './sla-form';

export function HolidayEditor({
  holidays,
  onChange,
}: {
  holidays: HolidayRow[];
  onChange: (rows: HolidayRow[]) => void;
}) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<HolidayRow>) =>
    onChange(holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)));
  return (
    <fieldset className="stack">
      <legend>{t('admin.slas.holidays')}</legend>
      {holidays.length === 0 && <p className="muted small">{t('admin.slas.noHolidays')}</p>}
      <ul className="tree">
        {holidays.map((h, index) => (
          <li key={index} className="row" data-testid="holiday-row">
            <label className="field">
              {t('admin.slas.holidayDate')}
              <input
                type="date"
                required
                value={h.date}
                onChange={(e) => update(index, { date: e.target.value })}
              />
            </label>
            <label className="field">
              {t('admin.name')}
              <input value={h.name} onChange={(e) => update(index, { name: e.target.value })} />
            </label>
            <label className="check-field">
              <input
                type="checkbox"
                checked={h.recurring}
                onChange={(e) => update(index, { recurring: e.target.checked })}
              />
              {t('admin.slas.recurring')}
            </label>
            <button
              type="button"
              className="secondary small"
              aria-label={t('admin.slas.removeHoliday', { date: h.date || '…' })}
              onClick={() => onChange(holidays.filter((_, i) => i !== index))}
            >
              {t('admin.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <button
          type="button"
          className="secondary"
          onClick={() => onChange([...holidays, { date: '', name: '', recurring: false }])}
        >
          {t('admin.slas.addHoliday')}
        </button>
      </div>
    </fieldset>
  );
}
