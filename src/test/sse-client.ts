/** A raw Server-Sent Events client for tests: keeps the bytes as received and parses frames from them. */
import http from 'node:http';

export interface SseFrameSeen {
  id?: string;
  event?: string;
  data?: string;
}

export interface SseClient {
  status: number;
  /** Every byte received so far, as text. */
  raw(): string;
  frames(): SseFrameSeen[];
  /** Frames parsed as JSON data, of events other than presence. */
  events(): { id: string; event: string; data: Record<string, unknown> }[];
  close(): void;
  readonly socket: import('node:net').Socket;
}

export function parseFrames(text: string): SseFrameSeen[] {
  const frames: SseFrameSeen[] = [];
  for (const block of text.split('\n\n').slice(0, -1)) {
    const frame: SseFrameSeen = {};
    let any = false;
    for (const line of block.split('\n')) {
      const m = /^(id|event|data): (.*)$/.exec(line);
      if (!m) continue;
      any = true;
      frame[m[1] as 'id' | 'event' | 'data'] = m[2];
    }
    if (any) frames.push(frame);
  }
  return frames;
}

export function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('error', () => undefined);
      const client: SseClient = {
        status: res.statusCode ?? 0,
        raw: () => text,
        frames: () => parseFrames(text),
        events: () =>
          parseFrames(text)
            .filter((f) => f.id !== undefined && f.event !== undefined && f.data !== undefined)
            .map((f) => ({
              id: f.id ?? '',
              event: f.event ?? '',
              data: JSON.parse(f.data ?? '{}') as Record<string, unknown>,
            })),
        close: () => req.destroy(),
        socket: res.socket,
      };
      resolve(client);
    });
    req.on('error', reject);
  });
}
