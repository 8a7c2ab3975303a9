/** The business calendar the SLA benchmarks measure: Berlin office hours with German public holidays. */
import type { BusinessCalendar } from '../src/modules/sla/calendar.js';

export const berlin: BusinessCalendar = {
  timezone: 'Europe/Berlin',
  businessDays: [1, 2, 3, 4, 5],
  start: '09:00',
  end: '17:00',
  holidays: [
    { date: '2000-01-01', recurring: true },
    { date: '2025-04-18', recurring: false },
    { date: '2025-04-21', recurring: false },
    { date: '2000-05-01', recurring: true },
    { date: '2025-05-29', recurring: false },
    { date: '2025-06-09', recurring: false },
    { date: '2000-10-03', recurring: true },
    { date: '2000-12-25', recurring: true },
    { date: '2000-12-26', recurring: true },
  ],
  usesBusinessHours: true,
};
