/**
 * The desk's chat WebSocket (session cookie, same origin): every chat line and typing signal of the
 * workspace, live. Lines are kept per ticket by id, so a replay after a reconnect doubles nothing; sent
 * lines carry a client id and are sent again after a reconnect until acknowledged.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';

export interface ChatLine {
  id: number;
  ticket_id: number;
  author: 'visitor' | 'agent' | 'note' | 'system';
  name: string;
  text: string;
  created_at: string;
}

interface Frame {
  type: string;
  [k: string]: unknown;
}

export function useChatSocket(onStatus: () => void) {
  const [lines, setLines] = useState<Record<number, ChatLine[]>>({});
  const [typing, setTyping] = useState<Record<number, string>>({});
  const [connected, setConnected] = useState(false);
  const socket = useRef<WebSocket | null>(null);
  const outbox = useRef(new Map<string, { ticket_id: number; text: string }>());
  const statusRef = useRef(onStatus);
  statusRef.current = onStatus;

  useEffect(() => {
    let closed = false;
    let retry = 0;
    let timer: number | undefined;
    const connect = () => {
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const workspace = api.getWorkspace();
      const ws = new WebSocket(
        `${scheme}://${location.host}/api/support/chat/socket${workspace ? `?workspace=${encodeURIComponent(workspace)}` : ''}`,
      );
      socket.current = ws;
      ws.onopen = () => {
        retry = 0;
        setConnected(true);
        for (const [client_id, p] of outbox.current)
          ws.send(JSON.stringify({ type: 'message', client_id, ...p }));
      };
      ws.onmessage = (ev: MessageEvent<string>) => {
        const f = JSON.parse(ev.data) as Frame;
        if (f.type === 'message') {
          const line = f as unknown as ChatLine;
          setLines((all) => {
            const list = all[line.ticket_id] ?? [];
            if (list.some((l) => l.id === line.id)) return all;
            return { ...all, [line.ticket_id]: [...list, line].sort((a, b) => a.id - b.id) };
          });
        } else if (f.type === 'ack') outbox.current.delete(String(f.client_id));
        else if (f.type === 'typing' && f.who === 'visitor') {
          const id = Number(f.ticket_id);
          setTyping((all) => ({ ...all, [id]: f.typing && typeof f.name === 'string' ? f.name : '' }));
        } else if (f.type === 'status') statusRef.current();
      };
      ws.onclose = () => {
        setConnected(false);
        if (closed) return;
        retry += 1;
        timer = window.setTimeout(connect, Math.min(10_000, 500 * 2 ** retry));
      };
    };
    connect();
    return () => {
      closed = true;
      window.clearTimeout(timer);
      socket.current?.close();
    };
  }, []);

  const send = useCallback((frame: object) => {
    if (socket.current?.readyState === WebSocket.OPEN) socket.current.send(JSON.stringify(frame));
  }, []);
  const say = useCallback(
    (ticketId: number, text: string) => {
      const client_id = crypto.randomUUID().replace(/-/g, '');
      outbox.current.set(client_id, { ticket_id: ticketId, text });
      send({ type: 'message', client_id, ticket_id: ticketId, text });
    },
    [send],
  );
  const history = useCallback((ticketId: number) => send({ type: 'history', ticket_id: ticketId }), [send]);
  const typingNow = useCallback(
    (ticketId: number, on: boolean) => send({ type: 'typing', ticket_id: ticketId, typing: on }),
    [send],
  );
  return { lines, typing, connected, say, history, typingNow };
}
