/**
 * The one typed API client of the SPA, generated from the server's OpenAPI document (schema.d.ts,
 * `npm run gen:api`) and driven by openapi-fetch. Components never call fetch(): they use the hooks of
 * api/queries.ts (server state through TanStack Query) or the few session methods below. Every call
 * sends the session cookie, the X-CSRF-Token on writes and the chosen X-Workspace, and every error
 * answer becomes an ApiError built from the problem+json body.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { ACCEPT, takeEarly } from './early';
import { notePosition } from './event-position';
import type { paths } from './schema';
import type {
  CreatedTicket,
  CreateTicketInput,
  CustomerLoginResponse,
  DeflectionEvent,
  FieldError,
  KbSuggestResponse,
  MeResponse,
  ProblemBody,
  StaffLoginResponse,
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
  /** The problem's further members (RFC 9457 extensions), e.g. what changed for a 409 collision. */
  readonly members: Record<string, unknown>;

  constructor(problem: {
    status: number;
    code: string;
    title: string;
    detail: string;
    errors?: FieldError[];
    members?: Record<string, unknown>;
  }) {
    super(problem.detail || problem.title);
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.members = problem.members ?? {};
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The ApiError for an error answer whose body openapi-fetch parsed (or could not). */
export function problemOf(response: Response, body: unknown): ApiError {
  const problem: ProblemBody = isObject(body) ? body : {};
  return new ApiError({
    status: response.status,
    code: typeof problem.code === 'string' ? problem.code : `HTTP_${response.status}`,
    title: typeof problem.title === 'string' ? problem.title : response.statusText || 'Request failed',
    detail: typeof problem.detail === 'string' ? problem.detail : '',
    errors: Array.isArray(problem.errors) ? problem.errors : [],
    members: isObject(body) ? body : {},
  });
}

const networkError = () =>
  new ApiError({
    status: 0,
    code: 'NETWORK_ERROR',
    title: 'Network error',
    detail: 'The server could not be reached. Check your connection and try again.',
  });

/** What openapi-fetch answers: data on success, error (the parsed body) otherwise. */
interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or the ApiError of its problem body; a failed connection is a NETWORK_ERROR. */
export async function unwrap<T>(call: Promise<FetchResult<T>>, signal?: AbortSignal): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (err) {
    if (signal?.aborted) throw err;
    throw networkError();
  }
  if (!result.response.ok) throw problemOf(result.response, result.error);
  return result.data as T;
}

export class ApiClient {
  private csrfToken: string | null = null;
  private workspace: string | null = null;
  /** The generated client: paths, parameters and bodies are checked against the OpenAPI document. */
  readonly http: ReturnType<typeof createClient<paths>>;

  constructor(private readonly baseUrl = '') {
    this.http = createClient<paths>({
      baseUrl,
      credentials: 'same-origin',
      headers: { Accept: ACCEPT },
      // A GET the boot script already asked for is answered from there (once).
      fetch: (request) => (takeEarly(request) ?? globalThis.fetch(request)).then(notePosition),
    });
    const session: Middleware = {
      onRequest: ({ request }) => {
        if (request.method !== 'GET' && this.csrfToken) request.headers.set('X-CSRF-Token', this.csrfToken);
        if (this.workspace && !request.headers.has('X-Workspace')) {
          request.headers.set('X-Workspace', this.workspace);
        }
        return request;
      },
    };
    this.http.use(session);
  }

  /** The workspace slug sent as X-Workspace on every later call (null: the session's own). */
  setWorkspace(slug: string | null): void {
    this.workspace = slug;
  }

  getWorkspace(): string | null {
    return this.workspace;
  }

  /** The CSRF token of the cookie session (null for none): uploads built by hand need it. */
  getCsrfToken(): string | null {
    return this.csrfToken;
  }

  private remember<T extends { csrf_token?: string | null }>(answer: T): T {
    this.csrfToken = answer.csrf_token ?? null;
    return answer;
  }

  private static workspaceHeader(workspace?: string): { headers?: Record<string, string> } {
    return workspace ? { headers: { 'X-Workspace': workspace } } : {};
  }

  /** POST /api/auth/login: starts a staff session (in `workspace`, else the user's first). */
  async login(email: string, password: string, workspace?: string): Promise<StaffLoginResponse> {
    const body = workspace ? { email, password, workspace } : { email, password };
    return this.remember(await unwrap(this.http.POST('/api/auth/login', { body })));
  }

  /** POST /api/auth/customer/login in the workspace `workspace`. */
  async customerLogin(workspace: string, email: string, password: string): Promise<CustomerLoginResponse> {
    const call = this.http.POST('/api/auth/customer/login', {
      body: { email, password },
      ...ApiClient.workspaceHeader(workspace),
    });
    return this.remember(await unwrap(call));
  }

  /** GET /api/auth/me: who is logged in (401 when nobody). */
  async me(): Promise<MeResponse> {
    return this.remember(await unwrap(this.http.GET('/api/auth/me')));
  }

  /** POST /api/auth/logout: ends the session (204). */
  async logout(): Promise<void> {
    await unwrap(this.http.POST('/api/auth/logout'));
    this.csrfToken = null;
    this.workspace = null;
  }

  /**
   * POST /api/support/tickets/: opens a ticket as the logged-in customer, or (nobody logged in) as the
   * visitor with `email` and `name` in `workspace`.
   */
  createTicket(input: CreateTicketInput, workspace?: string): Promise<CreatedTicket> {
    return unwrap(
      this.http.POST('/api/support/tickets/', { body: input, ...ApiClient.workspaceHeader(workspace) }),
    );
  }

  /** GET /api/support/kb/suggest/: help articles that may answer what the customer is typing. */
  suggestArticles(
    text: { subject: string; description: string },
    options: { workspace?: string; signal?: AbortSignal } = {},
  ): Promise<KbSuggestResponse> {
    const call = this.http.GET('/api/support/kb/suggest/', {
      params: { query: text },
      ...ApiClient.workspaceHeader(options.workspace),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return unwrap(call, options.signal);
  }

  /** POST /api/support/kb/deflection/: one step of a customer's way through the suggestions. */
  recordDeflection(event: DeflectionEvent, workspace?: string): Promise<unknown> {
    return unwrap(
      this.http.POST('/api/support/kb/deflection/', { body: event, ...ApiClient.workspaceHeader(workspace) }),
    );
  }

  /**
   * The same call for a page that is being left: it must survive the page. navigator.sendBeacon does,
   * but cannot send headers, so it names the workspace in the query and is only used when no CSRF token
   * is needed (nobody logged in by cookie); otherwise a keepalive request carries the headers.
   */
  beaconDeflection(event: DeflectionEvent, workspace?: string): void {
    const target = workspace ?? this.workspace ?? undefined;
    if (!this.csrfToken && typeof navigator.sendBeacon === 'function') {
      const query = target ? `?workspace=${encodeURIComponent(target)}` : '';
      const blob = new Blob([JSON.stringify(event)], { type: 'application/json' });
      if (navigator.sendBeacon(`${this.baseUrl}/api/support/kb/deflection/${query}`, blob)) return;
    }
    void this.http
      .POST('/api/support/kb/deflection/', {
        body: event,
        keepalive: true,
        ...ApiClient.workspaceHeader(target),
      })
      .catch(() => undefined);
  }
}

/** The client the app uses. */
export const api = new ApiClient();
