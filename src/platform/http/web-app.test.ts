import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE, REVALIDATE, registerWebApp } from './web-app.js';

const SCRIPT = `export const greeting = ${JSON.stringify('hello '.repeat(500))};\n`;
const HTML = '<!doctype html><title>spa</title><div id="root"></div>';
let root: string;
let app: FastifyInstance;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'bfg2-web-app-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), HTML);
  writeFileSync(path.join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const script = path.join(root, 'assets', 'main-Ab12Cd34.js');
  writeFileSync(script, SCRIPT);
  writeFileSync(`${script}.br`, brotliCompressSync(SCRIPT));
  writeFileSync(`${script}.gz`, gzipSync(SCRIPT));
  // A file the build did not compress (too small to gain anything).
  writeFileSync(path.join(root, 'assets', 'tiny-Ef56Gh78.css'), 'a{}');
  app = Fastify();
  await registerWebApp(app, root);
});

afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) =>
  app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('the SPA files', () => {
  it('send a hashed asset as its brotli twin, cached for good, when the browser takes brotli', async () => {
    const res = await get('/assets/main-Ab12Cd34.js', 'gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
  });

  it('send the gzip twin to a browser without brotli, and the file itself to one without either', async () => {
    const gzip = await get('/assets/main-Ab12Cd34.js', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get('/assets/main-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('send an asset without twins as it is, still immutable', async () => {
    const res = await get('/assets/tiny-Ef56Gh78.css', 'gzip, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('a{}');
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('revalidate index.html on every client route and the unhashed files', async () => {
    for (const url of ['/desk', '/desk/tickets/DEMO-1', '/portal', '/admin/staff', '/app']) {
      const res = await get(url, 'gzip, br');
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(HTML);
      expect(res.headers['cache-control'], url).toBe(REVALIDATE);
    }
    const icon = await get('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe(REVALIDATE);
  });

  it('do not answer the compressed twins by their own names', async () => {
    expect((await get('/assets/main-Ab12Cd34.js.br')).statusCode).toBe(404);
    expect((await get('/assets/main-Ab12Cd34.js.gz')).statusCode).toBe(404);
    expect((await get('/assets/missing-00000000.js', 'br')).statusCode).toBe(404);
  });
});
