/**
 * The chat sockets connected to this process and the fan-out to them. Lines are ticket messages: they
 * reach every process through the committed event log (the process's live feed, platform/events), so a
 * visitor on one process and an agent on another see each other's lines; each batch is looked up once.
 * Typing is ephemeral: a NOTIFY on `bfg2_chat` to every process (and the desk's presence `typing` state
 * reaches visitors too). A socket that joins (or rejoins after a reconnect) is registered first and then
 * sent what it missed from the database; ids already sent are skipped, so nothing is lost or doubled.
 */
import type { Database } from '../../../db/client.js';
import type { ChatStatus } from '../../../db/schema.js';
import { asSystemStatement } from '../../../db/tenant.js';
import type { LoggedEvent } from '../../../platform/events/log.js';
import type { LiveFeed } from '../../../platform/events/live-feed.js';
import type { ProcessNotifications } from '../../../platform/events/notifications.js';
import type { Logger } from '../../../platform/logger.js';
import { clientIdFor, type LineFrame, type ServerFrame } from './frames.js';
import type { TranscriptLine } from './repository.js';

/** What the hub needs of a socket (a ws WebSocket, or a fake in tests). */
export interface ChatSocket {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  readonly bufferedAmount: number;
  readonly readyState: number;
}

export type Peer =
  | {
      kind: 'visitor';
      socket: ChatSocket;
      workspaceId: number;
      conversationId: number;
      ticketId: number;
      sent: Set<number>;
    }
  | { kind: 'staff'; socket: ChatSocket; workspaceId: number; userId: number; name: string };

const OPEN = 1;
export const MAX_BUFFERED_BYTES = 1024 * 1024;

interface TypingSignal {
  workspace_id: number;
  ticket_id: number;
  who: 'visitor' | 'agent';
  user_id: number | null;
  name: string;
  typing: boolean;
}

interface Row extends TranscriptLine {
  workspace_id: number;
  conversation_id: number;
}

function authorOf(l: { message_type: string; is_internal: boolean }): LineFrame['author'] {
  if (l.message_type === 'customer') return 'visitor';
  if (l.message_type === 'agent' && !l.is_internal) return 'agent';
  return l.message_type === 'system' ? 'system' : 'note';
}

/** A message as the viewer's line frame; null when the viewer may not see it. */
export function lineFrame(
  l: TranscriptLine & { conversation_id: number },
  viewer: { visitor: true } | { userId: number },
): LineFrame | null {
  const author = authorOf(l);
  if ('visitor' in viewer && author !== 'visitor' && author !== 'agent') return null;
  return {
    type: 'message',
    id: l.id,
    ticket_id: l.ticket_id,
    conversation_id: l.conversation_id,
    author,
    name: l.sender_name,
    text: l.message,
    client_id: clientIdFor(l.client_id, viewer),
    created_at: l.created_at.toISOString(),
  };
}

export class ChatHub {
  private readonly visitors = new Map<string, Set<Peer & { kind: 'visitor' }>>();
  private readonly staff = new Map<number, Set<Peer & { kind: 'staff' }>>();
  private queue: Promise<void> = Promise.resolve();
  private readonly unlisten: () => void;

  constructor(
    private readonly db: Database,
    feed: LiveFeed,
    private readonly notifications: ProcessNotifications,
    private readonly log: Logger,
  ) {
    this.unlisten = feed.listen((events) => {
      this.queue = this.queue
        .then(() => this.deliver(events))
        .catch((err: unknown) => this.log.error({ err }, 'chat delivery failed'));
    });
    notifications.onChat((payload) => this.onTyping(payload));
    notifications.onPresence((payload) => this.onPresence(payload));
  }

  get size(): number {
    let n = 0;
    for (const s of this.visitors.values()) n += s.size;
    for (const s of this.staff.values()) n += s.size;
    return n;
  }

  add(peer: Peer): void {
    if (peer.kind === 'visitor') {
      const key = `${peer.workspaceId}:${peer.ticketId}`;
      let set = this.visitors.get(key);
      if (!set) this.visitors.set(key, (set = new Set()));
      set.add(peer);
    } else {
      let set = this.staff.get(peer.workspaceId);
      if (!set) this.staff.set(peer.workspaceId, (set = new Set()));
      set.add(peer);
    }
  }

  remove(peer: Peer): void {
    if (peer.kind === 'visitor') {
      const key = `${peer.workspaceId}:${peer.ticketId}`;
      this.visitors.get(key)?.delete(peer);
      if (this.visitors.get(key)?.size === 0) this.visitors.delete(key);
    } else {
      this.staff.get(peer.workspaceId)?.delete(peer);
      if (this.staff.get(peer.workspaceId)?.size === 0) this.staff.delete(peer.workspaceId);
    }
  }

  /** Sends a frame, dropping a socket that does not read. */
  send(peer: Peer, frame: ServerFrame): void {
    const s = peer.socket;
    if (s.readyState !== OPEN) return;
    if (s.bufferedAmount > MAX_BUFFERED_BYTES) {
      s.close(1013, 'not reading');
      return;
    }
    s.send(JSON.stringify(frame));
  }

  /** Sends a visitor line frames it has not had yet (the backlog after a (re)connect). */
  sendLines(peer: Peer, lines: readonly (TranscriptLine & { conversation_id: number })[]): void {
    for (const l of lines) {
      if (peer.kind === 'visitor') {
        if (peer.sent.has(l.id)) continue;
        peer.sent.add(l.id);
      }
      const frame = lineFrame(l, peer.kind === 'visitor' ? { visitor: true } : { userId: peer.userId });
      if (frame) this.send(peer, frame);
    }
  }

  /** Announces typing to every process. */
  async typing(signal: TypingSignal): Promise<void> {
    await this.notifications.publishChat(JSON.stringify(signal));
  }

  close(): void {
    this.unlisten();
    for (const set of [...this.visitors.values(), ...this.staff.values()]) {
      for (const p of set) p.socket.close(1001, 'server closing');
    }
    this.visitors.clear();
    this.staff.clear();
  }

  private onTyping(payload: string): void {
    let s: TypingSignal;
    try {
      s = JSON.parse(payload) as TypingSignal;
    } catch {
      return;
    }
    if (typeof s.workspace_id !== 'number' || typeof s.ticket_id !== 'number') return;
    const frame: ServerFrame = {
      type: 'typing',
      ticket_id: s.ticket_id,
      who: s.who,
      name: s.name,
      typing: s.typing === true,
    };
    if (s.who === 'agent') {
      for (const p of this.visitors.get(`${s.workspace_id}:${s.ticket_id}`) ?? []) this.send(p, frame);
    }
    for (const p of this.staff.get(s.workspace_id) ?? []) {
      if (s.who === 'visitor' || p.userId !== s.user_id) this.send(p, frame);
    }
  }

  /** The desk's presence (PUT …/presence typing) is an agent typing for the visitor too. */
  private onPresence(payload: string): void {
    let p: { workspace_id?: unknown; ticket_id?: unknown; state?: unknown; user?: { name?: unknown } };
    try {
      p = JSON.parse(payload) as typeof p;
    } catch {
      return;
    }
    if (typeof p.workspace_id !== 'number' || typeof p.ticket_id !== 'number') return;
    const peers = this.visitors.get(`${p.workspace_id}:${p.ticket_id}`);
    if (!peers) return;
    const frame: ServerFrame = {
      type: 'typing',
      ticket_id: p.ticket_id,
      who: 'agent',
      name: typeof p.user?.name === 'string' ? p.user.name : '',
      typing: p.state === 'typing',
    };
    for (const peer of peers) this.send(peer, frame);
  }

  private async deliver(events: readonly LoggedEvent[]): Promise<void> {
    const lineIds: number[] = [];
    for (const e of events) {
      if (e.type === 'message.created' && this.watches(e.workspaceId, Number(e.payload.ticket_id))) {
        lineIds.push(Number(e.payload.message_id));
      } else if (
        e.type === 'chat.status_changed' &&
        this.watches(e.workspaceId, Number(e.payload.ticket_id))
      ) {
        const frame: ServerFrame = {
          type: 'status',
          ticket_id: Number(e.payload.ticket_id),
          conversation_id: Number(e.payload.conversation_id),
          status: e.payload.status as ChatStatus,
          agent_id: typeof e.payload.agent_id === 'number' ? e.payload.agent_id : null,
        };
        for (const p of this.visitors.get(`${e.workspaceId}:${frame.ticket_id}`) ?? []) this.send(p, frame);
        for (const p of this.staff.get(e.workspaceId) ?? []) this.send(p, frame);
      }
    }
    if (lineIds.length === 0) return;
    for (const row of await this.loadLines(lineIds)) {
      for (const p of this.visitors.get(`${row.workspace_id}:${row.ticket_id}`) ?? [])
        this.sendLines(p, [row]);
      for (const p of this.staff.get(row.workspace_id) ?? []) this.sendLines(p, [row]);
    }
  }

  private watches(workspaceId: number, ticketId: number): boolean {
    return this.staff.has(workspaceId) || this.visitors.has(`${workspaceId}:${ticketId}`);
  }

  /** The messages of chat tickets among `ids`, with their conversation and client ids (one query). */
  private async loadLines(ids: number[]): Promise<Row[]> {
    return asSystemStatement(this.db)
      .selectFrom('support_ticket_messages as m')
      .innerJoin('chat_conversations as c', (j) =>
        j.onRef('c.workspace_id', '=', 'm.workspace_id').onRef('c.ticket_id', '=', 'm.ticket_id'),
      )
      .leftJoin('chat_lines as l', (j) =>
        j.onRef('l.workspace_id', '=', 'm.workspace_id').onRef('l.message_id', '=', 'm.id'),
      )
      .select([
        'm.id',
        'm.workspace_id',
        'm.ticket_id',
        'm.message',
        'm.message_type',
        'm.is_internal',
        'm.sender_name',
        'm.created_at',
        'l.client_id',
        'c.id as conversation_id',
      ])
      .where('m.id', 'in', ids)
      .orderBy('m.id')
      .execute();
  }
}
