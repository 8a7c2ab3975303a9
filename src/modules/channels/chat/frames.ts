/**
 * The JSON frames of the chat WebSocket, both ways. Visitors never get internal notes or system
 * messages, and see only their own conversation; staff get every chat of their workspace.
 */
import type { ChatStatus } from '../../../db/schema.js';

export type ClientFrame =
  | { type: 'auth'; token: string; after?: number }
  | { type: 'message'; client_id: string; text: string; ticket_id?: number }
  | { type: 'typing'; typing: boolean; ticket_id?: number }
  | { type: 'history'; ticket_id: number; after?: number }
  | { type: 'end'; ticket_id?: number }
  | { type: 'ping' };

export interface LineFrame {
  type: 'message';
  id: number;
  ticket_id: number;
  conversation_id: number;
  author: 'visitor' | 'agent' | 'note' | 'system';
  name: string;
  text: string;
  /** The sender's own client id (given back to the client that sent it). */
  client_id: string | null;
  created_at: string;
}

export type ServerFrame =
  | LineFrame
  | {
      type: 'ready';
      conversation_id?: number;
      ticket_id?: number;
      ticket_number?: string;
      status?: ChatStatus;
      first_message?: string;
      user_id?: number;
    }
  | { type: 'ack'; client_id: string; id: number; ticket_id: number }
  | { type: 'typing'; ticket_id: number; who: 'visitor' | 'agent'; name: string; typing: boolean }
  | {
      type: 'status';
      ticket_id: number;
      conversation_id: number;
      status: ChatStatus;
      agent_id: number | null;
    }
  | { type: 'error'; code: string; message: string; client_id?: string }
  | { type: 'pong' };

const TYPES = new Set(['auth', 'message', 'typing', 'history', 'end', 'ping']);

const optionalInt = (v: unknown) => v === undefined || (Number.isSafeInteger(v) && (v as number) >= 0);

/** Parses a client frame; null when it is not one (the socket answers with an error frame). */
export function parseClientFrame(raw: string): ClientFrame | null {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const f = v as Record<string, unknown>;
  if (typeof f.type !== 'string' || !TYPES.has(f.type)) return null;
  if (!optionalInt(f.ticket_id) || !optionalInt(f.after)) return null;
  switch (f.type) {
    case 'auth':
      return typeof f.token === 'string' ? (f as unknown as ClientFrame) : null;
    case 'message':
      return typeof f.client_id === 'string' && typeof f.text === 'string'
        ? (f as unknown as ClientFrame)
        : null;
    case 'typing':
      return typeof f.typing === 'boolean' ? (f as unknown as ClientFrame) : null;
    case 'history':
      return typeof f.ticket_id === 'number' ? (f as unknown as ClientFrame) : null;
    default:
      return f as unknown as ClientFrame;
  }
}

/** Removes the sender prefix of a stored client id when the viewer sent the line, else null. */
export function clientIdFor(
  stored: string | null,
  viewer: { visitor: true } | { userId: number },
): string | null {
  if (stored === null) return null;
  const prefix = 'visitor' in viewer ? 'v:' : `u${viewer.userId}:`;
  return stored.startsWith(prefix) ? stored.slice(prefix.length) : null;
}
