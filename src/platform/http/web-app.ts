/**
 * The SPA's files (web/dist, built by Vite) and its client-side routes. Vite names everything under
 * /assets/ by a hash of its content, so those files are cached for a year as `immutable` (a new build
 * has new names) and sent as the brotli or gzip twin the build wrote beside them (web/compress-plugin.ts)
 * when the browser accepts it: nothing is compressed per request. index.html and the unhashed files
 * (favicon) are revalidated on every load, so a deploy shows at once.
 */
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The folder of the hashed files, below the build's root. */
const ASSETS = 'assets';
export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** The SPA's client-side routes: they all answer index.html (the router takes over in the browser). */
const SPA_ROUTES = [
  // /app keeps redirecting the links of mails already sent.
  '/app',
  '/app/*',
  '/desk',
  '/desk/*',
  '/portal',
  '/portal/*',
  '/account/*',
  '/admin',
  '/admin/*',
];

/** Serves the built SPA in `root` at / (registered last: the API's routes come first). */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const assets = path.join(root, ASSETS) + path.sep;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    preCompressed: true,
    // The compressed twins are chosen by Accept-Encoding, not asked for by name.
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (reply, file) => {
      reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });
  for (const url of SPA_ROUTES) {
    app.get(url, { config: { access: 'public' }, schema: { hide: true } }, (_req, reply) =>
      reply.sendFile('index.html'),
    );
  }
}
