/**
 * The one place that reads process.env. Every setting is validated at boot; a bad value stops the
 * process with one clear line per variable (see README "Configuration").
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type ProcessRole = 'web' | 'worker' | 'all';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** The embedded PostgreSQL's port when this process starts it; null: last time's if free, else any. */
  embeddedPostgresPort: number | null;
  /** Connections the process keeps to PostgreSQL (DATABASE_URL); requests wait for one beyond that. */
  databasePoolSize: number;
  publicUrl: string;
  logLevel: LogLevel;
  /** Secret for HMACs (CSRF tokens, visitor hashes). Null until resolveSessionSecret() ran. */
  sessionSecret: string | null;
  sessionTtlHours: number;
  role: ProcessRole;
  smtpUrl: string | null;
  mailFrom: string;
  /** Acknowledgements one sender gets per hour at most (0: none); loop protection. */
  mailAckCapPerHour: number;
  /** Attempts on the credential endpoints (login, sign-up, links, resets) per client IP and minute. */
  authAttemptsPerMinute: number;
  trustProxy: boolean;
  /** Cookies get the Secure flag when the public URL is https. */
  secureCookies: boolean;
  jobPollSeconds: number;
  /** Minutes between two SLA sweeps (breaches, warnings, escalations); divides 60. */
  slaSweepIntervalMinutes: number;
  /** Largest single attachment, in bytes. */
  maxAttachmentBytes: number;
  /** Largest total of the attachments of one message (or new ticket), in bytes. */
  maxMessageAttachmentsBytes: number;
  maxAttachmentsPerMessage: number;
  /** Bearer token that /metrics requires; null turns /metrics off. */
  metricsToken: string | null;
  /**
   * Outbound webhooks may target loopback, private, link-local and other non-public addresses (tests,
   * receivers on the same network). Off by default: the SSRF guard refuses them.
   */
  webhookAllowPrivateTargets: boolean;
  /**
   * The inbound SMTP listener (worker and all roles) on SMTP_PORT: SMTP_LISTENER=true|false; null when
   * unset, which `serve --demo` (npm start) takes as on and everything else as off.
   */
  smtpListener: boolean | null;
  smtpPort: number;
  /** Largest inbound mail the listener accepts (SIZE), in bytes. */
  smtpMaxBytes: number;
  /** Threads that parse inbound mail beside the main thread (0: on the main thread). */
  mailReaderThreads: number;
  /** AES-256-GCM key (32 bytes, base64) for mailbox secrets; null: DATA_DIR/mail-secret.key. */
  mailSecretKey: string | null;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const ROLES: readonly ProcessRole[] = ['web', 'worker', 'all'];
const MB = 1024 * 1024;

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const text = (name: string, fallback: string): string => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? fallback : v.trim();
  };
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}=${raw} is invalid: expected a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const v = text(name, fallback);
    if (!(allowed as readonly string[]).includes(v)) {
      problems.push(`${name}=${v} is invalid: expected one of ${allowed.join(', ')}`);
      return fallback;
    }
    return v as T;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const v = text(name, String(fallback)).toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    problems.push(`${name}=${v} is invalid: expected true or false`);
    return fallback;
  };
  // pg-boss schedules by cron minute: an interval that divides the hour keeps the runs evenly spaced.
  const divisorOf60 = (name: string, fallback: number): number => {
    const n = int(name, fallback, 1, 60);
    if (60 % n === 0) return n;
    problems.push(
      `${name}=${n} is invalid: expected a divisor of 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60)`,
    );
    return fallback;
  };
  const url = (name: string, protocols: string[]): string | null => {
    const v = env[name]?.trim();
    if (!v) return null;
    try {
      const u = new URL(v);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name} is invalid: expected a ${protocols.join(' or ')} URL`);
        return null;
      }
      return v;
    } catch {
      problems.push(`${name} is invalid: not a URL`);
      return null;
    }
  };

  const port = int('PORT', 3000, 0, 65535);
  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const publicUrl = url('PUBLIC_URL', ['http:', 'https:']) ?? `http://localhost:${port}`;
  const secret = env.SESSION_SECRET?.trim() || null;
  if (secret !== null && secret.length < 32)
    problems.push('SESSION_SECRET is invalid: use at least 32 characters');
  const mailSecretKey = env.MAIL_SECRET_KEY?.trim() || null;
  if (mailSecretKey !== null && Buffer.from(mailSecretKey, 'base64').length !== 32)
    problems.push('MAIL_SECRET_KEY is invalid: expected 32 bytes in base64 (openssl rand -base64 32)');
  const metricsToken = env.METRICS_TOKEN?.trim() || null;
  if (metricsToken !== null && (metricsToken.length < 16 || /\s/.test(metricsToken)))
    problems.push('METRICS_TOKEN is invalid: use at least 16 characters without spaces');

  const config: Config = {
    port,
    host: text('HOST', '0.0.0.0'),
    dataDir: path.resolve(text('DATA_DIR', './data')),
    databaseUrl,
    embeddedPostgresPort: int('EMBEDDED_POSTGRES_PORT', 0, 0, 65535) || null,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 1000),
    publicUrl: publicUrl.replace(/\/+$/, ''),
    logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    sessionSecret: secret,
    sessionTtlHours: int('SESSION_TTL_HOURS', 24 * 14, 1, 24 * 365),
    role: oneOf('PROCESS_ROLE', ROLES, 'all'),
    smtpUrl: url('SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: text('MAIL_FROM', 'bfg2-support <support@localhost>'),
    mailAckCapPerHour: int('MAIL_ACK_CAP_PER_HOUR', 3, 0, 1000),
    authAttemptsPerMinute: int('AUTH_ATTEMPTS_PER_MINUTE', 10, 1, 10_000),
    trustProxy: bool('TRUST_PROXY', false),
    secureCookies: publicUrl.startsWith('https:'),
    jobPollSeconds: int('JOB_POLL_SECONDS', 2, 1, 600),
    slaSweepIntervalMinutes: divisorOf60('SLA_SWEEP_INTERVAL_MINUTES', 1),
    maxAttachmentBytes: int('MAX_ATTACHMENT_BYTES', 25 * MB, 1, 5 * 1024 * MB),
    maxMessageAttachmentsBytes: int('MAX_MESSAGE_ATTACHMENTS_BYTES', 25 * MB, 1, 5 * 1024 * MB),
    maxAttachmentsPerMessage: int('MAX_ATTACHMENTS_PER_MESSAGE', 10, 1, 100),
    metricsToken,
    webhookAllowPrivateTargets: bool('WEBHOOK_ALLOW_PRIVATE_TARGETS', false),
    smtpListener: env.SMTP_LISTENER?.trim() ? bool('SMTP_LISTENER', false) : null,
    smtpPort: int('SMTP_PORT', 2525, 0, 65535),
    smtpMaxBytes: int('SMTP_MAX_BYTES', 40 * MB, 1024, 1024 * MB),
    // One less than the cores, 1–4: the main thread keeps a core for the listener and the database work.
    mailReaderThreads: int(
      'MAIL_READER_THREADS',
      Math.max(1, Math.min(4, availableParallelism() - 1)),
      0,
      16,
    ),
    mailSecretKey,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * Returns the configured secret, or the one kept in DATA_DIR/session-secret, generating it on first run
 * so that sessions survive restarts without any setup.
 */
export function resolveSessionSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  let secret: string;
  try {
    secret = readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    secret = randomBytes(32).toString('base64url');
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  }
  config.sessionSecret = secret;
  return secret;
}

/**
 * The key that encrypts mailbox secrets (IMAP passwords, SMTP URLs): MAIL_SECRET_KEY, or the one kept in
 * DATA_DIR/mail-secret.key, generated on first use. Never in the database, so a dump alone reveals nothing.
 */
export function resolveMailSecretKey(config: Pick<Config, 'mailSecretKey' | 'dataDir'>): Buffer {
  if (config.mailSecretKey) return Buffer.from(config.mailSecretKey, 'base64');
  const file = path.join(config.dataDir, 'mail-secret.key');
  const read = () => Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  try {
    return read();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (err) {
      // Another process wrote it first: use theirs.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    return read();
  }
}
