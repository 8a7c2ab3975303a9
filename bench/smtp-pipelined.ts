/**
 * The bench's sending MTA: SMTP over `connections` sockets with PIPELINING (RFC 2920) the way Postfix's
 * client uses it — MAIL, RCPT and DATA in one write, the content after the 354, the next mail after the
 * 250 — with each mail's DATA (CRLF line ends, dot-stuffed, terminated) prepared before the clock starts.
 * A mail client library costs the sending side 4–6 times more CPU per mail, and on this machine the sender
 * shares the two cores with the product: a real MTA sits on another machine.
 */
import net from 'node:net';

/** One mail as it goes after DATA: CRLF line ends, leading dots doubled, ended by `.` on a line. */
export function smtpData(raw: Buffer): Buffer {
  let text = raw.toString('latin1').replace(/\r?\n/g, '\r\n');
  if (!text.endsWith('\r\n')) text += '\r\n';
  return Buffer.from(text.replace(/^\./gm, '..') + '.\r\n', 'latin1');
}

/** Replies as they come, whole: a line with a dash after the code continues the reply. */
class Replies {
  private buffered = '';
  private partial = '';
  private readonly waiting: Array<(reply: string) => void> = [];
  private readonly ready: string[] = [];

  push(chunk: Buffer): void {
    this.buffered += chunk.toString('latin1');
    let end: number;
    while ((end = this.buffered.indexOf('\r\n')) >= 0) {
      const line = this.buffered.slice(0, end);
      this.buffered = this.buffered.slice(end + 2);
      this.partial += this.partial ? `\n${line}` : line;
      if (line[3] === '-') continue;
      const reply = this.partial;
      this.partial = '';
      const taker = this.waiting.shift();
      if (taker) taker(reply);
      else this.ready.push(reply);
    }
  }

  next(): Promise<string> {
    const line = this.ready.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

async function expectReply(replies: Replies, code: string, what: string): Promise<string> {
  const line = await replies.next();
  if (!line.startsWith(code)) throw new Error(`SMTP ${what}: expected ${code}, got "${line}"`);
  return line;
}

/**
 * Sends every mail of `datas` (from smtpData) from `from` to `to` over `connections` connections to
 * 127.0.0.1:`port`; resolves when the last is answered 250, rejects on any other answer.
 */
export async function sendPipelined(
  port: number,
  envelope: { from: string; to: string },
  datas: Buffer[],
  connections: number,
): Promise<void> {
  let next = 0;
  const head = Buffer.from(`MAIL FROM:<${envelope.from}>\r\nRCPT TO:<${envelope.to}>\r\nDATA\r\n`);
  const connection = async () => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setNoDelay(true);
    const replies = new Replies();
    let failure: Error | null = null;
    const failed = new Promise<never>((_, reject) => {
      socket.on('error', (err) => reject((failure = err)));
      socket.on('close', () => reject((failure ??= new Error('SMTP connection closed'))));
    });
    failed.catch(() => undefined);
    socket.on('data', (chunk: Buffer) => replies.push(chunk));
    const reply = (code: string, what: string) => Promise.race([expectReply(replies, code, what), failed]);
    try {
      await reply('220', 'greeting');
      socket.write('EHLO bench.test\r\n');
      const capabilities = await reply('250', 'EHLO');
      if (!/^250[- ]PIPELINING\b/m.test(capabilities))
        throw new Error('the server does not offer PIPELINING');
      while (next < datas.length) {
        const data = datas[next++] as Buffer;
        socket.write(head);
        await reply('250', 'MAIL FROM');
        await reply('250', 'RCPT TO');
        await reply('354', 'DATA');
        socket.write(data);
        await reply('250', 'end of data');
      }
      socket.write('QUIT\r\n');
      await reply('221', 'QUIT');
    } finally {
      socket.removeAllListeners('close');
      socket.on('error', () => undefined);
      socket.destroy();
    }
  };
  await Promise.all(Array.from({ length: Math.min(connections, datas.length) }, connection));
}
