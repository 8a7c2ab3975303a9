/**
 * Every error leaves as RFC 9457 problem+json with a stable code. Bad input is a 4xx; a 5xx body never
 * carries internals (the details go to the log with the request id).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_CODES, type ErrorCode, type FieldError } from '../errors.js';
import { PROBLEM_MEDIA_TYPE, registerErrorResponses } from './error-responses.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  [member: string]: unknown;
}

export function problemOf(code: ErrorCode, detail: string, errors?: FieldError[]): Problem {
  const { status, title } = ERROR_CODES[code];
  return {
    type: `https://bfg2-support.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    code,
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem, retryAfterSeconds?: number): FastifyReply {
  if (retryAfterSeconds !== undefined) void reply.header('Retry-After', String(Math.ceil(retryAfterSeconds)));
  // Sent serialised: the problem schemas a route documents (error-responses.ts) must never reshape it.
  return reply.status(problem.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(problem));
}

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** Maps database constraint errors that bad input can cause to 4xx. */
function fromDatabase(err: PgError): Problem | null {
  switch (err.code) {
    case '23505':
      return problemOf('ALREADY_EXISTS', `already exists (${err.constraint ?? 'unique constraint'})`);
    case '23503':
      return problemOf(
        'STILL_REFERENCED',
        `refers to or is referenced by another record (${err.constraint ?? 'foreign key'})`,
      );
    case '23514':
    case '23502':
    case '22001':
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return problemOf('VALIDATION_FAILED', 'a value is out of range or malformed');
    case '40001':
    case '40P01':
      return problemOf('CONFLICT', 'the record was changed at the same time; retry');
    default:
      return null;
  }
}

function validationErrors(err: FastifyError): FieldError[] {
  return (err.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string }).missingProperty;
    const base = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const path = [err.validationContext, base, missing].filter(Boolean).join('.');
    return { path: path || String(err.validationContext ?? 'body'), message: v.message ?? 'is invalid' };
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  registerErrorResponses(app);
  app.setErrorHandler((err: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      return sendProblem(
        reply,
        { ...err.extra.members, ...problemOf(err.code, err.detail, err.extra.errors) },
        err.extra.retryAfterSeconds,
      );
    }
    if (err.validation) {
      const errors = validationErrors(err);
      return sendProblem(
        reply,
        problemOf('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors),
      );
    }
    const db = fromDatabase(err);
    if (db) {
      request.log.info({ err }, 'database refused input');
      return sendProblem(reply, db);
    }
    const status = err.statusCode ?? 500;
    if (status === 429) {
      const retryAfter = Number(reply.getHeader('retry-after')) || 60;
      return sendProblem(reply, problemOf('RATE_LIMITED', 'too many requests; retry later'), retryAfter);
    }
    if (status === 413) return sendProblem(reply, problemOf('PAYLOAD_TOO_LARGE', err.message));
    if (status === 415) return sendProblem(reply, problemOf('UNSUPPORTED_MEDIA_TYPE', err.message));
    if (status >= 400 && status < 500) {
      const code: ErrorCode =
        status === 404 ? 'NOT_FOUND' : status === 401 ? 'NOT_AUTHENTICATED' : 'MALFORMED_REQUEST';
      const problem = problemOf(code, err.message);
      return sendProblem(reply, { ...problem, status });
    }
    request.log.error({ err }, 'unhandled error');
    return sendProblem(reply, problemOf('INTERNAL', `something went wrong (request ${request.id})`));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemOf('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
