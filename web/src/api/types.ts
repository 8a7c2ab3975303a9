/**
 * Names for the shapes the API answers with, all derived from the generated OpenAPI types
 * (schema.d.ts, `npm run gen:api`): nothing here is written by hand except the names.
 */
import type { components, paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
/** The JSON body of the 200/201 answer of `method` on `path`. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : never
  : never;
/** The JSON request body of `method` on `path`. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
/** The query parameters of GET `path`. */
export type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;

export type MeResponse = Answer<'/api/auth/me', 'get'>;
export type StaffMe = Extract<MeResponse, { kind: 'staff' }>;
export type CustomerMe = Extract<MeResponse, { kind: 'customer' }>;
export type StaffLoginResponse = Answer<'/api/auth/login', 'post'>;
export type CustomerLoginResponse = Answer<'/api/auth/customer/login', 'post'>;

export type Ticket = Answer<'/api/support/tickets/{id}/', 'get'>;
export type TicketSummary = NonNullable<Answer<'/api/support/admin/tickets/', 'get'>['results']>[number];
export type TicketStatus = NonNullable<TicketSummary['status']>;
export type Message = NonNullable<Ticket['messages']>[number];
export type InboxQuery = Query<'/api/support/admin/tickets/'>;
export type CreateTicketInput = Body<'/api/support/tickets/', 'post'>;
export type CreatedTicket = Answer<'/api/support/tickets/', 'post'>;
export type TicketPatch = Body<'/api/support/tickets/{id}/', 'patch'>;
export type AssignInput = Body<'/api/support/admin/tickets/{id}/assign/', 'post'>;
export type ReplyInput = Body<'/api/support/tickets/{id}/reply/', 'post'>;
export type TicketSla = Answer<'/api/support/tickets/{id}/sla/', 'get'>;
export type HistoryEntry = NonNullable<
  Answer<'/api/support/admin/tickets/{id}/history/', 'get'>['results']
>[number];
export type AssignmentEntry = NonNullable<
  Answer<'/api/support/admin/tickets/{id}/assignments/', 'get'>['results']
>[number];
export type Template = NonNullable<Answer<'/api/support/templates/', 'get'>['results']>[number];
export type Team = NonNullable<Answer<'/api/support/admin/teams/', 'get'>['results']>[number];
export type TeamMember = NonNullable<Team['members']>[number];
export type Tag = NonNullable<Answer<'/api/support/admin/tags/', 'get'>['results']>[number];
export type Category = NonNullable<Answer<'/api/support/admin/categories/', 'get'>['results']>[number];
export type Priority = NonNullable<Answer<'/api/support/admin/priorities/', 'get'>['results']>[number];

export type KbSuggestResponse = Answer<'/api/support/kb/suggest/', 'get'>;
export type KbSuggestion = NonNullable<KbSuggestResponse['results']>[number];
export type DeflectionEvent = Body<'/api/support/kb/deflection/', 'post'>;
export type DeflectionEventName = DeflectionEvent['event'];

/** An RFC 9457 problem+json body. */
export type ProblemBody = Partial<components['schemas']['def-0']>;
/** One entry of a validation problem's `errors`. */
export type FieldError = { path: string; message: string };
