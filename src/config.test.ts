import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, resolveSessionSecret } from './config.js';

describe('config', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: null,
      embeddedPostgresPort: null,
      role: 'all',
      logLevel: 'info',
    });
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.secureCookies).toBe(false);
  });

  it('reports every bad variable, one line each', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        PROCESS_ROLE: 'both',
        SESSION_SECRET: 'short',
        EMBEDDED_POSTGRES_PORT: '70000',
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^PORT=eighty is invalid/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL is invalid: expected a postgres: or postgresql: URL/);
    expect(problems.join('\n')).toMatch(/EMBEDDED_POSTGRES_PORT=70000 is invalid/);
    expect(problems.every((p) => !p.includes('\n'))).toBe(true);
  });

  it('takes a fixed port for the embedded PostgreSQL', () => {
    expect(loadConfig({ EMBEDDED_POSTGRES_PORT: '54100' }).embeddedPostgresPort).toBe(54100);
  });

  it('keeps /metrics off without METRICS_TOKEN and refuses a short one', () => {
    expect(loadConfig({}).metricsToken).toBeNull();
    expect(loadConfig({ METRICS_TOKEN: ' 0123456789abcdef ' }).metricsToken).toBe('0123456789abcdef');
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN is invalid/);
  });

  it('sizes the PostgreSQL pool from DATABASE_POOL_SIZE, 10 by default', () => {
    expect(loadConfig({}).databasePoolSize).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '24' }).databasePoolSize).toBe(24);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE=0 is invalid/);
  });

  it('parses mail on one thread less than the cores (1–4) unless MAIL_READER_THREADS says', () => {
    expect(loadConfig({}).mailReaderThreads).toBe(Math.max(1, Math.min(4, availableParallelism() - 1)));
    expect(loadConfig({ MAIL_READER_THREADS: '0' }).mailReaderThreads).toBe(0);
    expect(loadConfig({ MAIL_READER_THREADS: '3' }).mailReaderThreads).toBe(3);
    expect(() => loadConfig({ MAIL_READER_THREADS: 'many' })).toThrow(/MAIL_READER_THREADS=many is invalid/);
  });

  it('turns on secure cookies behind an https public URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://help.example.com/' })).toMatchObject({
      publicUrl: 'https://help.example.com',
      secureCookies: true,
    });
  });

  it('generates the session secret once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bfg2-config-'));
    const first = resolveSessionSecret(loadConfig({ DATA_DIR: dir }));
    const second = resolveSessionSecret(loadConfig({ DATA_DIR: dir }));
    expect(first).toHaveLength(43);
    expect(second).toBe(first);
    expect(readFileSync(path.join(dir, 'session-secret'), 'utf8').trim()).toBe(first);
    expect(resolveSessionSecret(loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40) }))).toBe(
      'x'.repeat(40),
    );
  });
});
