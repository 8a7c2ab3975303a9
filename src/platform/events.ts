/**
 * Domain events, recorded in the same transaction as the change they describe (ticket.created,
 * message.created, ticket.assigned, sla.breached…). Email, webhooks, realtime and analytics read them
 * after commit; nothing outside the transaction happens here.
 *
 * Only catalogue types (platform/events/catalogue.ts) with their payloads compile, and every payload is
 * checked against its schema before it is written: a payload the schema refuses is a programming error,
 * so the change fails and rolls back rather than publish an event its readers cannot trust.
 */
import { FormatRegistry } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { Tx } from '../db/tenant.js';
import { EVENT_CATALOGUE, type EventPayload, type EventSubject, type EventType } from './events/catalogue.js';

export type { EventPayload, EventType } from './events/catalogue.js';

export interface Actor {
  userId?: number | null;
  customerId?: number | null;
}

/** One event to record: a catalogue type with its payload (subjectType, if given, must be the type's). */
export type DomainEvent = {
  [T in EventType]: {
    workspaceId: number;
    type: T;
    subjectType?: EventSubject<T>;
    subjectId: number;
    actor?: Actor;
    payload: EventPayload<T>;
  };
}[EventType];

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (v) => ISO_TIME.test(v) && !Number.isNaN(Date.parse(v)));
}

const checks = new Map<EventType, TypeCheck<never>>();

function checkerOf(type: EventType): TypeCheck<never> {
  let check = checks.get(type);
  if (!check) {
    check = TypeCompiler.Compile(EVENT_CATALOGUE[type].payload) as unknown as TypeCheck<never>;
    checks.set(type, check);
  }
  return check;
}

export class InvalidEventError extends Error {
  constructor(
    readonly type: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(
      `${type} payload does not match the event catalogue: ${problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ')}`,
    );
  }
}

/** Throws InvalidEventError unless `payload` is a valid payload of `type` (an unknown type included). */
export function assertEventPayload(type: string, payload: unknown): void {
  if (!Object.hasOwn(EVENT_CATALOGUE, type)) {
    throw new InvalidEventError(type, [{ path: '', message: 'is not a catalogue event type' }]);
  }
  const check = checkerOf(type as EventType);
  if (check.Check(payload)) return;
  const problems = [...check.Errors(payload)].slice(0, 5).map((e) => ({ path: e.path, message: e.message }));
  throw new InvalidEventError(type, problems);
}

function rowOf(event: DomainEvent) {
  assertEventPayload(event.type, event.payload);
  return {
    workspace_id: event.workspaceId,
    type: event.type,
    subject_type: EVENT_CATALOGUE[event.type].subject,
    subject_id: event.subjectId,
    actor_user_id: event.actor?.userId ?? null,
    actor_customer_id: event.actor?.customerId ?? null,
    payload: JSON.stringify(event.payload),
  };
}

/** Records one event in the caller's transaction; returns its id. */
export async function recordEvent(tx: Tx, event: DomainEvent): Promise<number> {
  const row = await tx
    .insertInto('domain_events')
    .values(rowOf(event))
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records several events with one statement, in order; returns their ids in the same order. */
export async function recordEvents(tx: Tx, events: readonly DomainEvent[]): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await tx.insertInto('domain_events').values(events.map(rowOf)).returning('id').execute();
  return rows.map((r) => r.id);
}
