/**
 * Application errors carry a stable code; the HTTP status and title come from one table here and are
 * turned into problem+json in one place (platform/http/error-handler.ts).
 */
export const ERROR_CODES = {
  VALIDATION_FAILED: { status: 400, title: 'Invalid request' },
  MALFORMED_REQUEST: { status: 400, title: 'Malformed request' },
  NOT_AUTHENTICATED: { status: 401, title: 'Not authenticated' },
  INVALID_CREDENTIALS: { status: 401, title: 'Invalid credentials' },
  CSRF_TOKEN_INVALID: { status: 403, title: 'CSRF token missing or invalid' },
  FORBIDDEN: { status: 403, title: 'Not allowed' },
  EMAIL_NOT_CONFIRMED: { status: 403, title: 'Email address not confirmed' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request timeout' },
  WORKSPACE_REQUIRED: { status: 400, title: 'Workspace required' },
  CONFLICT: { status: 409, title: 'Conflict' },
  ALREADY_EXISTS: { status: 409, title: 'Already exists' },
  STILL_REFERENCED: { status: 409, title: 'Still referenced' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'A request with this Idempotency-Key is in progress' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  URI_TOO_LONG: { status: 414, title: 'URI too long' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency-Key reused with a different request' },
  RULE_VIOLATION: { status: 422, title: 'Refused by a rule of the domain' },
  ILLEGAL_STATUS_TRANSITION: { status: 422, title: 'Illegal status transition' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request header fields too large' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  UNAVAILABLE: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: {
      errors?: FieldError[];
      retryAfterSeconds?: number;
      /** Further members of the problem (RFC 9457 extensions), e.g. what changed for a 409. */
      members?: Record<string, unknown>;
    } = {},
  ) {
    super(detail);
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** 404 in the shape used for anything missing or belonging to another workspace. */
export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`);
}

export function forbidden(detail = 'You are not allowed to do this'): AppError {
  return new AppError('FORBIDDEN', detail);
}

export function invalid(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${path}: ${message}`, { errors: [{ path, message }] });
}
