/**
 * The streams connected to this process and the fan-out to them. Each batch of the process's live
 * feed is looked at once (one facts query, event-views.ts) and written to every stream of its
 * workspace in the viewer's shape. A stream that resumes (Last-Event-ID) first reads what it missed
 * from the log while new batches wait for it, then goes live; positions only grow per stream, so
 * nothing is lost or sent twice.
 */
import type { Database } from '../../db/client.js';
import { isAfter, readLog, type LoggedEvent, type Position } from '../../platform/events/log.js';
import type { LiveFeed } from '../../platform/events/live-feed.js';
import type { Logger } from '../../platform/logger.js';
import type { SseFrame, SseStream } from '../../platform/http/sse.js';
import { frameFor, loadFacts, type FactsByEvent, type Viewer } from './event-views.js';

export interface LiveClient {
  workspaceId: number;
  viewer: Viewer;
  stream: SseStream;
}

interface Connection extends LiveClient {
  last: Position;
  /** Batches that came while the stream caught up from the log; null once live. */
  waiting: { events: readonly LoggedEvent[]; facts: FactsByEvent }[] | null;
}

const CATCH_UP_PAGE = 500;
/**
 * The most a resuming stream replays. A client further behind (a laptop woken after a weekend) gets one
 * `reset` frame and goes live from now: it reloads what it shows instead of the server reading and
 * sending an unbounded backlog while newer batches pile up behind it.
 */
export const MAX_REPLAY_EVENTS = 5_000;

export class LiveHub {
  private readonly byWorkspace = new Map<number, Set<Connection>>();
  private queue: Promise<void> = Promise.resolve();
  private readonly unlisten: () => void;

  constructor(
    private readonly db: Database,
    private readonly feed: LiveFeed,
    private readonly log: Logger,
    private readonly maxReplay = MAX_REPLAY_EVENTS,
  ) {
    this.unlisten = feed.listen((events) => {
      // Batches in order: the facts query of one finishes before the next is written.
      this.queue = this.queue
        .then(() => this.deliver(events))
        .catch((err: unknown) => {
          this.log.error({ err }, 'live delivery failed');
        });
    });
  }

  get size(): number {
    let n = 0;
    for (const set of this.byWorkspace.values()) n += set.size;
    return n;
  }

  /** Adds a stream: from now on (no `from`), or resuming after the position it last saw. */
  async connect(client: LiveClient, from: Position | null): Promise<void> {
    const conn: Connection = { ...client, last: from ?? this.feed.position(), waiting: from ? [] : null };
    let set = this.byWorkspace.get(client.workspaceId);
    if (!set) this.byWorkspace.set(client.workspaceId, (set = new Set()));
    set.add(conn);
    if (from) await this.catchUp(conn);
  }

  disconnect(stream: SseStream): void {
    for (const [ws, set] of this.byWorkspace) {
      for (const c of set) if (c.stream === stream) set.delete(c);
      if (set.size === 0) this.byWorkspace.delete(ws);
    }
  }

  /** Sends an ephemeral frame (presence) to the staff streams of a workspace that `to` accepts. */
  broadcast(workspaceId: number, frame: SseFrame, to: (viewer: Viewer) => boolean): void {
    for (const c of this.byWorkspace.get(workspaceId) ?? []) if (to(c.viewer)) c.stream.send(frame);
  }

  close(): void {
    this.unlisten();
    for (const set of this.byWorkspace.values()) for (const c of set) c.stream.close();
    this.byWorkspace.clear();
  }

  private async catchUp(conn: Connection): Promise<void> {
    try {
      for (let read = 0; ;) {
        if (read >= this.maxReplay) {
          // Too far behind: skip to now (later batches still arrive) and tell the client to reload.
          conn.last = this.feed.position();
          conn.stream.send({
            event: 'reset',
            data: { reason: 'too_far_behind', replay_limit: this.maxReplay },
          });
          break;
        }
        const page = await readLog(this.db.raw, conn.last, {
          limit: Math.min(CATCH_UP_PAGE, this.maxReplay - read),
          workspaceId: conn.workspaceId,
        });
        read += page.events.length;
        this.write(conn, page.events, await loadFacts(this.db.raw, page.events));
        if (page.events.length === 0 || !conn.stream.isOpen) break;
        if (page.events.length < CATCH_UP_PAGE && read < this.maxReplay) break;
      }
    } catch (err) {
      this.log.error({ err }, 'catching a live stream up failed');
      conn.stream.close();
      return;
    }
    // Synchronously: no batch can come between the waiting ones and going live.
    const waiting = conn.waiting ?? [];
    conn.waiting = null;
    for (const batch of waiting) this.write(conn, batch.events, batch.facts);
  }

  private async deliver(events: readonly LoggedEvent[]): Promise<void> {
    const concerned = events.filter((e) => this.byWorkspace.has(e.workspaceId));
    if (concerned.length === 0) return;
    const facts = await loadFacts(this.db.raw, concerned);
    const byWs = new Map<number, LoggedEvent[]>();
    for (const e of concerned) {
      const list = byWs.get(e.workspaceId);
      if (list) list.push(e);
      else byWs.set(e.workspaceId, [e]);
    }
    for (const [ws, list] of byWs) {
      for (const conn of this.byWorkspace.get(ws) ?? []) {
        if (conn.waiting) conn.waiting.push({ events: list, facts });
        else this.write(conn, list, facts);
      }
    }
  }

  private write(conn: Connection, events: readonly LoggedEvent[], facts: FactsByEvent): void {
    for (const e of events) {
      if (!conn.stream.isOpen) return;
      if (!isAfter(e.position, conn.last)) continue;
      conn.last = e.position;
      const frame = frameFor(conn.viewer, e, facts);
      if (frame) conn.stream.send(frame);
    }
  }
}
