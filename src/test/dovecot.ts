/**
 * A private Dovecot IMAP server for tests: its own config, passwd-file user and maildir in a temp
 * directory, on a free port of 127.0.0.1. Installs dovecot-imapd with apt-get when it is missing (as
 * .ci/run does). Mail is put in with IMAP APPEND, like any other client would.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DOVECOT = '/usr/sbin/dovecot';

export interface TestDovecot {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

async function ensureInstalled(): Promise<void> {
  if (existsSync(DOVECOT)) return;
  await run('apt-get', ['install', '-y', '-qq', 'dovecot-imapd'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).catch(async () => {
    await run('apt-get', ['update', '-qq']);
    await run('apt-get', ['install', '-y', '-qq', 'dovecot-imapd'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  const { connect } = await import('node:net');
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

/** Starts a private Dovecot; stop() ends it and removes its directory. */
export async function startDovecot(): Promise<TestDovecot> {
  await ensureInstalled();
  const dir = mkdtempSync(path.join(tmpdir(), 'bfg2-dovecot-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const me = userInfo();
  // As root, Dovecot will not open mail as uid 0: the mail belongs to its own unprivileged user then.
  const mailUser = me.uid === 0 ? 'dovecot' : me.username;
  const user = 'agent';
  const password = 'imap-test-password';
  writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const mailDir = path.join(dir, 'mail');
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
${me.uid === 0 ? '' : `default_internal_user = ${me.username}\ndefault_login_user = ${me.username}\n`}
first_valid_uid = 0
mail_location = maildir:${mailDir}/%u
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${mailUser} home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  writeFileSync(path.join(dir, 'dovecot.conf'), config);
  if (me.uid === 0) await run('chown', ['-R', `${mailUser}:${mailUser}`, dir]).catch(() => undefined);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: 'ignore',
  });
  await waitForPort(port, Date.now() + 15_000);
  return {
    port,
    user,
    password,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
