/**
 * The agent's presence on a ticket: "viewing" while the page is open (refreshed before the server's 30 s
 * run out), "typing" while the composer changes (back to viewing after a pause), "left" when the page
 * closes. Answers the other agents on the ticket, live from the stream (api/events.ts). Presence frames
 * sent while this page's stream was not yet (or no longer) connected are not replayed, so each time the
 * stream opens the agent announces again and the answer lists who is there.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef } from 'react';
import {
  announcePresence,
  deskKeys,
  type PresenceEntry,
  type PresenceMap,
  type PresenceState,
} from '../../api/desk-queries';
import { onStreamOpen } from '../../api/events';

const REFRESH_MS = 20_000;
/** How long after the last keystroke the agent still counts as typing. */
const TYPING_MS = 5_000;

export function usePresence(ticket: { id: number; number: string } | null) {
  const client = useQueryClient();
  const state = useRef<PresenceState>('viewing');
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const id = ticket?.id ?? 0;
  const number = ticket?.number ?? '';

  const announce = useCallback(
    (next: PresenceState, keepalive = false) => {
      if (!id) return;
      state.current = next;
      // Presence is a courtesy: a failed announcement is retried by the next refresh.
      announcePresence(client, { id, number }, next, keepalive).catch(() => undefined);
    },
    [client, id, number],
  );

  useEffect(() => {
    if (!id) return;
    announce('viewing');
    const refresh = setInterval(() => announce(state.current), REFRESH_MS);
    const leave = () => announce('left', true);
    window.addEventListener('pagehide', leave);
    const unsubscribe = onStreamOpen(() => announce(state.current));
    return () => {
      unsubscribe();
      clearInterval(refresh);
      clearTimeout(typingTimer.current);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [id, announce]);

  /** Call on every change of the composer's text. */
  const typing = useCallback(() => {
    if (state.current !== 'typing') announce('typing');
    clearTimeout(typingTimer.current);
    typingTimer.current = setTimeout(() => announce('viewing'), TYPING_MS);
  }, [announce]);

  const others = useQuery<PresenceMap>({
    queryKey: deskKeys.presence(id),
    queryFn: () => ({}),
    enabled: false,
    staleTime: Infinity,
  });
  const list: PresenceEntry[] = Object.values(others.data ?? {});
  return { others: list, typing };
}
