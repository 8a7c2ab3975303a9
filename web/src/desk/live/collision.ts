/**
 * A 409 collision of a ticket write (the API's `based_on` / If-Match check): what others wrote or changed
 * since the version the agent's text was based on, read from the problem's members.
 */
import { ApiError } from '../../api/client';

export interface Collision {
  /** The ticket's version now: sending "anyway" is based on it. */
  version: number;
  messages: { id: number; isInternal: boolean; sender: string; excerpt: string; at: string }[];
  changes: { field: string; from: string; to: string; by: string; at: string }[];
}

function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(text).join(', ');
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}
const record = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** The collision an error reports, or null when the error is something else. */
export function collisionOf(error: unknown): Collision | null {
  if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'CONFLICT') return null;
  const m = error.members;
  if (typeof m.version !== 'number') return null;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(record) : []);
  return {
    version: m.version,
    messages: list(m.messages).map((x) => ({
      id: Number(x.id),
      isInternal: x.is_internal === true,
      sender: text(x.sender_name),
      excerpt: text(x.excerpt),
      at: text(x.created_at),
    })),
    // Due times and first-response stamps follow from the changes listed; they would only add noise.
    changes: list(m.changes)
      .filter((x) => !text(x.field).endsWith('_at'))
      .map((x) => ({
        field: text(x.field),
        from: text(x.old),
        to: text(x.new),
        by: text(record(x.actor).name),
        at: text(x.created_at),
      })),
  };
}
