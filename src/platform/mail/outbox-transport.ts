/**
 * The mail transport without SMTP: every message becomes `<created>-<id>.eml` in the outbox directory.
 * Files are written to a temporary name and renamed, so a reader never sees half a message.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { mailOptions, type MailToSend } from './compose.js';
import type { MailTransport } from './transport.js';

/** Writes each message as an RFC 5322 file (CRLF line endings) into `dir`, created on first use. */
export function createOutboxTransport(dir: string, from: string): MailTransport {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  let ready: Promise<unknown> | null = null;
  return {
    async send(mail) {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const info = await composer.sendMail(mailOptions(mail, from));
      const file = path.join(dir, outboxFileName(mail));
      const tmp = path.join(dir, `.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, info.message, { mode: 0o600 });
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async wasDelivered(mail) {
      // The file is renamed into place only when complete: present means delivered.
      try {
        const head = (await readFile(path.join(dir, outboxFileName(mail)))).subarray(0, 64 * 1024);
        return head.includes(mail.message_id);
      } catch {
        return false;
      }
    },
    close() {
      composer.close();
      return Promise.resolve();
    },
  };
}

/** `20250131T142501123Z-42.eml`: sorts by creation time, unique by row id. */
export function outboxFileName(mail: Pick<MailToSend, 'id' | 'created_at'>): string {
  return `${mail.created_at.toISOString().replace(/[-:.]/g, '')}-${mail.id}.eml`;
}
