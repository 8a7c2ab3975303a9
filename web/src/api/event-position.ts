/**
 * The event log's position the server names on each API read (X-Event-Position): the earliest seen
 * since the event stream last opened is where the next stream resumes (api/events.ts), so that what was
 * committed between the page's first reads and its stream's opening — a ticket created meanwhile — is
 * still told. Positions are `<xid>-<id>` and ordered by xid, then id.
 */
const HEADER = 'X-Event-Position';
const POSITION = /^(\d{1,20})-(\d{1,15})$/;

let earliest: { xid: bigint; id: number; text: string } | null = null;
/** A stream exists (connected or reconnecting with Last-Event-ID): the answers' positions do not matter. */
let streaming = false;

/** Notes the answer's position (called for every API answer) while no stream exists; returns the answer. */
export function notePosition(response: Response): Response {
  if (streaming) return response;
  const text = response.headers.get(HEADER);
  const m = text ? POSITION.exec(text) : null;
  if (text && m?.[1] && m[2]) {
    const xid = BigInt(m[1]);
    const id = Number(m[2]);
    if (!earliest || xid < earliest.xid || (xid === earliest.xid && id < earliest.id)) {
      earliest = { xid, id, text };
    }
  }
  return response;
}

/**
 * Where a stream that opens now starts: the earliest position noted (null when none was). Until
 * streamClosed(), no more are noted.
 */
export function takeStreamStart(): string | null {
  const text = earliest?.text ?? null;
  earliest = null;
  streaming = true;
  return text;
}

/** The stream is gone (the desk unmounted, another workspace): answers are noted again. */
export function streamClosed(): void {
  streaming = false;
}
