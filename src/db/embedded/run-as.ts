/**
 * PostgreSQL refuses to run as root. A product started as root (containers, CI) runs initdb, pg_ctl and
 * the postmaster as the unprivileged OS user `postgres`, creating it when it is missing (as distribution
 * packages of PostgreSQL do), and gives it the cluster directory. Anyone else runs them as themselves.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, lstatSync, mkdirSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';

export interface RunAs {
  uid: number;
  gid: number;
}

const OS_USER = 'postgres';
/** Where a root install keeps the cluster when the postgres user cannot reach DATA_DIR (e.g. /root/…). */
const SYSTEM_CLUSTERS = '/var/lib/bfg2-support';

function lookUp(): RunAs | null {
  try {
    const uid = Number(execFileSync('id', ['-u', OS_USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', OS_USER], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
  } catch {
    return null;
  }
}

/** The identity to run PostgreSQL as: null when not root; the postgres user (created if need be) as root. */
export function postgresRunAs(): RunAs | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const found = lookUp();
  if (found) return found;
  const attempts: [string, string[]][] = [
    ['useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', OS_USER]],
    ['adduser', ['-S', '-D', '-H', OS_USER]], // busybox (Alpine)
  ];
  for (const [command, args] of attempts) {
    try {
      execFileSync(command, args, { stdio: 'pipe' });
      break;
    } catch {
      // try the next tool
    }
  }
  const created = lookUp();
  if (!created) {
    throw new Error(
      `PostgreSQL cannot run as root and the OS user "${OS_USER}" could not be created; create it ` +
        '(useradd --system postgres), run as another user, or set DATABASE_URL',
    );
  }
  return created;
}

/** Whether every directory above dir lets other users through (the x bit for "others"). */
function ancestorsSearchable(dir: string): boolean {
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (path.dirname(d) === d) return true;
  }
}

/**
 * The cluster directory (DATA_DIR/postgres), ready for runAs to create or use. As root it lets the
 * postgres user through DATA_DIR (o+x, no listing); when a parent of DATA_DIR does not (a home directory
 * such as /root), the cluster lives in /var/lib/bfg2-support/<hash> and DATA_DIR/postgres links to it.
 */
export function prepareClusterDir(dataDir: string, runAs: RunAs | null): string {
  const inside = path.join(dataDir, 'postgres');
  if (!runAs) return inside;
  const dataStat = statSync(dataDir);
  if ((dataStat.mode & 0o001) === 0) chmodSync(dataDir, (dataStat.mode & 0o7777) | 0o001);
  try {
    if (lstatSync(inside).isSymbolicLink()) return realpathSync(inside);
    return inside;
  } catch {
    // not there yet
  }
  if (ancestorsSearchable(dataDir)) return inside;
  const key = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  mkdirSync(SYSTEM_CLUSTERS, { recursive: true, mode: 0o755 });
  const outside = path.join(SYSTEM_CLUSTERS, key);
  mkdirSync(outside, { recursive: true, mode: 0o700 });
  chownSync(outside, runAs.uid, runAs.gid);
  symlinkSync(outside, inside);
  return outside;
}
