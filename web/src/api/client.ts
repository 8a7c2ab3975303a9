/**
 * The one typed API client of the SPA: components and scenes call these methods, never fetch().
 * It sends the session cookie (same origin), the X-CSRF-Token on writes and the chosen X-Workspace,
 * and turns every error answer into an ApiError built from the problem+json body.
 */
import type {
  CreatedTicket,
  CreateTicketInput,
  CustomerLoginResponse,
  DeflectionEvent,
  FieldError,
  KbSuggestResponse,
  MeResponse,
  Page,
  ProblemBody,
  StaffLoginResponse,
  TicketSummary,
} from './types';

export * from './types';

/** An error answer (or no answer at all: status 0) in the shape of the server's problem+json. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(problem: {
    status: number;
    code: string;
    title: string;
    detail: string;
    errors?: FieldError[];
  }) {
    super(problem.detail || problem.title);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  /** Overrides the client's workspace for this call (customer login names the workspace this way). */
  workspace?: string;
  /** Aborts the call (a newer search replaces an older one). */
  signal?: AbortSignal;
}

/** `path` with the defined `params` as its query string. */
function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

async function problemFrom(response: Response): Promise<ApiError> {
  let body: ProblemBody = {};
  try {
    const parsed: unknown = await response.json();
    if (isObject(parsed)) body = parsed as ProblemBody;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall back to the status line.
  }
  return new ApiError({
    status: response.status,
    code: typeof body.code === 'string' ? body.code : `HTTP_${response.status}`,
    title: typeof body.title === 'string' ? body.title : response.statusText || 'Request failed',
    detail: typeof body.detail === 'string' ? body.detail : '',
    errors: Array.isArray(body.errors) ? body.errors : [],
  });
}

export class ApiClient {
  private csrfToken: string | null = null;
  private workspace: string | null = null;

  constructor(private readonly baseUrl = '') {}

  /** The workspace slug sent as X-Workspace on every later call (null: the session's own). */
  setWorkspace(slug: string | null): void {
    this.workspace = slug;
  }

  getWorkspace(): string | null {
    return this.workspace;
  }

  private async request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    const workspace = options.workspace ?? this.workspace;
    if (workspace) headers['X-Workspace'] = workspace;

    let response: Response;
    try {
      response = await fetch(this.baseUrl + path, {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? null : JSON.stringify(options.body),
        signal: options.signal ?? null,
      });
    } catch (err) {
      if (options.signal?.aborted) throw err;
      throw new ApiError({
        status: 0,
        code: 'NETWORK_ERROR',
        title: 'Network error',
        detail: 'The server could not be reached. Check your connection and try again.',
      });
    }
    if (!response.ok) throw await problemFrom(response);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private remember<T extends { csrf_token: string | null }>(answer: T): T {
    this.csrfToken = answer.csrf_token;
    return answer;
  }

  /** POST /api/auth/login: starts a staff session (in `workspace`, else the user's first). */
  async login(email: string, password: string, workspace?: string): Promise<StaffLoginResponse> {
    const body = workspace ? { email, password, workspace } : { email, password };
    return this.remember(await this.request<StaffLoginResponse>('POST', '/api/auth/login', { body }));
  }

  /** POST /api/auth/customer/login in the workspace `workspace`. */
  async customerLogin(workspace: string, email: string, password: string): Promise<CustomerLoginResponse> {
    const answer = await this.request<CustomerLoginResponse>('POST', '/api/auth/customer/login', {
      body: { email, password },
      workspace,
    });
    return this.remember(answer);
  }

  /** GET /api/auth/me: who is logged in (401 when nobody). */
  async me(): Promise<MeResponse> {
    return this.remember(await this.request<MeResponse>('GET', '/api/auth/me'));
  }

  /** POST /api/auth/logout: ends the session (204). */
  async logout(): Promise<void> {
    await this.request<void>('POST', '/api/auth/logout');
    this.csrfToken = null;
    this.workspace = null;
  }

  /** GET /api/support/admin/tickets/: every ticket of the workspace (staff), a page from `cursor`. */
  listAdminTickets(cursor?: string): Promise<Page<TicketSummary>> {
    return this.request('GET', withQuery('/api/support/admin/tickets/', { cursor }));
  }

  /** GET /api/support/tickets/: a customer's own tickets (staff: the workspace's), a page from `cursor`. */
  listTickets(cursor?: string): Promise<Page<TicketSummary>> {
    return this.request('GET', withQuery('/api/support/tickets/', { cursor }));
  }

  /**
   * POST /api/support/tickets/: opens a ticket as the logged-in customer, or (nobody logged in) as the
   * visitor with `email` and `name` in `workspace`.
   */
  createTicket(input: CreateTicketInput, workspace?: string): Promise<CreatedTicket> {
    return this.request('POST', '/api/support/tickets/', {
      body: input,
      ...(workspace ? { workspace } : {}),
    });
  }

  /** GET /api/support/kb/suggest/: help articles that may answer what the customer is typing. */
  suggestArticles(
    text: { subject: string; description: string },
    options: { workspace?: string; signal?: AbortSignal } = {},
  ): Promise<KbSuggestResponse> {
    return this.request('GET', withQuery('/api/support/kb/suggest/', text), options);
  }

  /** POST /api/support/kb/deflection/: one step of a customer's way through the suggestions. */
  recordDeflection(event: DeflectionEvent, workspace?: string): Promise<unknown> {
    return this.request('POST', '/api/support/kb/deflection/', {
      body: event,
      ...(workspace ? { workspace } : {}),
    });
  }

  /**
   * The same call for a page that is being left: it must survive the page. navigator.sendBeacon does,
   * but cannot send headers, so it names the workspace in the query and is only used when no CSRF token
   * is needed (nobody logged in by cookie); otherwise a keepalive fetch carries the headers.
   */
  beaconDeflection(event: DeflectionEvent, workspace?: string): void {
    const target = workspace ?? this.workspace ?? undefined;
    const body = JSON.stringify(event);
    if (!this.csrfToken && typeof navigator.sendBeacon === 'function') {
      const url = withQuery(this.baseUrl + '/api/support/kb/deflection/', { workspace: target });
      if (navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }))) return;
    }
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.csrfToken) headers['X-CSRF-Token'] = this.csrfToken;
    if (target) headers['X-Workspace'] = target;
    void fetch(this.baseUrl + '/api/support/kb/deflection/', {
      method: 'POST',
      headers,
      body,
      credentials: 'same-origin',
      keepalive: true,
    }).catch(() => undefined);
  }
}

/** The client the app uses. */
export const api = new ApiClient();
