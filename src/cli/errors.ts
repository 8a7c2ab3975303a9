/** Turns any error into the CLI's one-line message and exit code; never a stack trace. */
import { ConfigError } from '../config.js';
import { AppError } from '../platform/errors.js';
import { UsageError } from './command.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export interface ErrorReport {
  lines: string[];
  exitCode: number;
}

function firstLine(text: string): string {
  return text.split('\n')[0]?.trim() ?? '';
}

/** The message of an unexpected error: driver errors (pg, sockets, initdb) say enough in one line. */
function messageOf(err: unknown): string {
  if (err instanceof AggregateError && !err.message && err.errors.length > 0) return messageOf(err.errors[0]);
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    const text = firstLine(err.message) || err.name;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT')
      return `cannot reach the database: ${text}`;
    if (code === '23505') return `already exists (${text})`;
    return text;
  }
  return firstLine(String(err));
}

export function reportError(err: unknown): ErrorReport {
  if (err instanceof UsageError) {
    const hint = err.command ? `usage: bfg2-support ${err.command.usage}` : 'see `bfg2-support help`';
    return { lines: [`${err.message} (${hint})`], exitCode: EXIT_USAGE };
  }
  if (err instanceof AppError) {
    // A value the use case refused (bad email, short password, bad slug) is bad usage too.
    return { lines: [err.detail], exitCode: err.code === 'VALIDATION_FAILED' ? EXIT_USAGE : EXIT_FAILURE };
  }
  if (err instanceof ConfigError) return { lines: err.problems, exitCode: EXIT_FAILURE };
  return { lines: [messageOf(err)], exitCode: EXIT_FAILURE };
}
