/**
 * One Server-Sent Events response: frames written to the raw socket, heartbeats as comment lines, and a
 * bounded buffer — a client that stops reading is disconnected once more than maxBufferBytes wait in
 * the process for it, never buffered without bound.
 */
import type { ServerResponse } from 'node:http';

export interface SseFrame {
  /** The `id:` line (resume position); none for ephemeral frames such as presence. */
  id?: string;
  event: string;
  data: unknown;
}

export interface SseOptions {
  maxBufferBytes: number;
  heartbeatMs: number;
  /** Runs once when the stream ends, whichever side ended it; `dropped` when it was too slow. */
  onClose(reason: 'closed' | 'dropped'): void;
}

/** Encodes one frame (JSON data has no newlines, so one data line). */
export function encodeFrame(frame: SseFrame): string {
  return `${frame.id !== undefined ? `id: ${frame.id}\n` : ''}event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

export class SseStream {
  private closed = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: SseOptions,
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies (nginx) must pass frames through as they come.
      'x-accel-buffering': 'no',
    });
    // The client reconnects after 3 s and resumes from the last id it saw.
    res.write('retry: 3000\n\n');
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), options.heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.end('closed'));
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  send(frame: SseFrame): void {
    this.write(encodeFrame(frame));
  }

  /** Writes, or drops the client when too much already waits for it. */
  write(text: string): void {
    if (this.closed) return;
    if (this.res.writableLength + text.length > this.options.maxBufferBytes) {
      this.end('dropped');
      this.res.destroy();
      return;
    }
    this.res.write(text);
  }

  close(): void {
    if (this.closed) return;
    this.end('closed');
    this.res.end();
  }

  private end(reason: 'closed' | 'dropped'): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.options.onClose(reason);
  }
}
