/** The shapes the API answers with (CONTRACT.md, "Who is calling"). Field names are the server's. */

export type StaffRole = 'admin' | 'agent';

export interface UserSummary {
  id: number;
  email: string;
  name: string;
}

export interface CustomerSummary {
  id: number;
  email: string;
  name: string;
}

export interface WorkspaceSummary {
  id: number;
  slug: string;
  name: string;
}

export interface WorkspaceMembership {
  slug: string;
  name: string;
  role: StaffRole;
}

/** POST /api/auth/login */
export interface StaffLoginResponse {
  user: UserSummary;
  workspace: WorkspaceSummary;
  role: StaffRole;
  csrf_token: string;
}

export interface StaffMe {
  kind: 'staff';
  user: UserSummary;
  workspace: WorkspaceSummary;
  role: StaffRole;
  workspaces: WorkspaceMembership[];
  /** Set for a cookie session; null for a bearer token, which needs none. */
  csrf_token: string | null;
}

/** GET /api/auth/me for a customer. */
export interface CustomerMe {
  kind: 'customer';
  customer: CustomerSummary;
  workspace: WorkspaceSummary;
  csrf_token: string | null;
}

/** GET /api/auth/me */
export type MeResponse = StaffMe | CustomerMe;

/** POST /api/auth/customer/login: the customer's `me` without `kind`. */
export type CustomerLoginResponse = Omit<CustomerMe, 'kind' | 'csrf_token'> & { csrf_token: string };

/** A cursor-paginated list. */
export interface Page<T> {
  results: T[];
  next_cursor: string | null;
}

export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'resolved' | 'closed' | 'cancelled';

/** A related record: its id, or the id with an embedded summary. */
export type Related<T> = string | number | (T & { id: string | number }) | null;

/** The fields of a ticket list row the UI shows; the server may send more. */
export interface TicketSummary {
  id: number;
  ticket_number: string;
  subject: string;
  status: TicketStatus;
  priority?: Related<{ code?: string; name?: string }>;
  customer?: Related<{ email?: string; name?: string }>;
  created_at: string;
  updated_at?: string;
}

/** One entry of a validation problem's `errors`. */
export interface FieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem+json body. */
export interface ProblemBody {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: FieldError[];
}

/** POST /api/support/tickets/: what the web form sends (email and name only when nobody is logged in). */
export interface CreateTicketInput {
  subject: string;
  description: string;
  email?: string;
  name?: string;
}

/** The ticket the server answers a create with (the fields the form shows). */
export interface CreatedTicket {
  id: number;
  ticket_number: string;
  subject: string;
  status: TicketStatus;
}

/** One article GET /api/support/kb/suggest/ proposes for what the customer has typed so far. */
export interface KbSuggestion {
  id: number;
  slug: string;
  title: string;
  language: string;
  excerpt: string;
}

/** GET /api/support/kb/suggest/ */
export interface KbSuggestResponse {
  results: KbSuggestion[];
}

export type DeflectionEventName =
  'suggestions_shown' | 'article_opened' | 'left_without_ticket' | 'ticket_submitted';

/** POST /api/support/kb/deflection/ */
export interface DeflectionEvent {
  event: DeflectionEventName;
  session: string;
  article_id?: number;
}
