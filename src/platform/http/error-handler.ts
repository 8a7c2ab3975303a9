/**
 * Every error leaves as RFC 9457 problem+json with a stable code. Bad input is a 4xx; a 5xx body never
 * carries internals (the details go to the log with the request id).
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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

/** The code of a Fastify or plugin error that carries only an HTTP status. */
const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'MALFORMED_REQUEST',
  401: 'NOT_AUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  431: 'HEADERS_TOO_LARGE',
};

/**
 * Fastify's `frameworkErrors`: what the router refuses before a route is found — a path parameter
 * longer than maxParamLength (414 URI_TOO_LONG) or a malformed percent-encoding (400).
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void sendProblem(
      reply,
      problemOf('URI_TOO_LONG', `a path parameter is longer than ${MAX_PARAM_LENGTH} characters`),
    );
  } else if (error.code === 'FST_ERR_BAD_URL') {
    void sendProblem(reply, problemOf('MALFORMED_REQUEST', 'the URL is not validly percent-encoded'));
  } else {
    void sendProblem(reply, problemOf('INTERNAL', 'the request could not be routed'));
  }
}

/** The router's limit on one path parameter (Fastify's default, named so slugs can stay below it). */
export const MAX_PARAM_LENGTH = 100;

/**
 * Fastify's `clientErrorHandler`: errors Node's HTTP parser raises before there is a request (headers
 * too large, a timeout, unparseable HTTP) are written to the socket as problems too.
 */
export function clientErrorHandler(
  err: Error & { code?: string },
  socket: Pick<Socket, 'destroyed' | 'writable' | 'write' | 'destroy'>,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? problemOf('HEADERS_TOO_LARGE', 'the request headers are too large')
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? problemOf('REQUEST_TIMEOUT', 'the request took too long to arrive')
        : problemOf('MALFORMED_REQUEST', 'the request is not valid HTTP');
  if (socket.writable) {
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n` +
        `Content-Type: ${PROBLEM_MEDIA_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(err);
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
    if (status >= 400 && status < 500) {
      const code = CODE_OF_STATUS[status];
      // A 4xx without a code of its own (406 from multipart, say) keeps its status.
      if (!code) return sendProblem(reply, { ...problemOf('MALFORMED_REQUEST', err.message), status });
      return sendProblem(reply, problemOf(code, err.message));
    }
    request.log.error({ err }, 'unhandled error');
    return sendProblem(reply, problemOf('INTERNAL', `something went wrong (request ${request.id})`));
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemOf('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)),
  );
}
