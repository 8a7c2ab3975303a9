import { invalid } from '../../platform/errors.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with Z or an offset ("2025-03-03T09:00:00Z"); anything else is a 400. */
export function parseInstant(value: string, path: string): Date {
  const date = ISO_INSTANT.test(value) ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw invalid(path, 'must be an ISO 8601 date-time with Z or an offset, e.g. 2025-03-03T09:00:00Z');
  }
  return date;
}
