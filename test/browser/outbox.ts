/** Mails the browser specs' server wrote to DATA_DIR/outbox (no SMTP_URL), parsed, polled with a deadline. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface OutboxMail {
  to: string;
  subject: string;
  text: string;
  /** The HTML part, or '' for a text-only mail. */
  html: string;
}

async function readOutbox(dataDir: string): Promise<OutboxMail[]> {
  const dir = path.join(dataDir, 'outbox');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  return Promise.all(
    files
      .map((file) => ({ file, at: statSync(path.join(dir, file)).mtimeMs }))
      .sort((a, b) => a.at - b.at)
      .map(async ({ file }) => {
        const mail = await simpleParser(readFileSync(path.join(dir, file)));
        const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text;
        return {
          to: to ?? '',
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : '',
        };
      }),
  );
}

/** The newest mail to `to` whose subject matches, once the mail job has written it (30 s by default). */
export async function waitForMail(
  dataDir: string,
  to: string,
  subject: RegExp,
  timeoutMs = 30_000,
): Promise<OutboxMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await readOutbox(dataDir)).filter((m) => m.to.includes(to) && subject.test(m.subject));
    const last = found[found.length - 1];
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject} in the outbox`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The first http(s) link of a mail's text. */
export function linkIn(mail: OutboxMail): string {
  const match = /https?:\/\/\S+/.exec(mail.text);
  if (!match) throw new Error(`no link in the mail "${mail.subject}"`);
  return match[0];
}
