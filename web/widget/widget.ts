/**
 * The embeddable chat widget: `<script src="https://support.example/widget.js" data-workspace="acme"
 * [data-language="de"] [data-customer-token="…"] async></script>`. No framework; everything lives in its
 * own shadow root. A visitor starts a chat (name and email, or the shop's signed customer token), then
 * talks over the chat WebSocket. Each line gets a client id and stays in an outbox (sessionStorage)
 * until the server acknowledges it, so a reconnect — or a reload — neither loses nor doubles a line.
 */
import { textsFor, type Texts } from './i18n.js';
import { CSS } from './styles.js';

interface Line {
  id: number;
  author: string;
  name: string;
  text: string;
  client_id: string | null;
}
interface Pending {
  client_id: string;
  text: string;
}
interface Saved {
  token: string;
  outbox: Pending[];
  first: string;
}

const script = document.currentScript as HTMLScriptElement | null;
const origin = script ? new URL(script.src).origin : location.origin;
const workspace = script?.dataset.workspace ?? '';
const language = script?.dataset.language ?? document.documentElement.lang ?? navigator.language;
const customerToken = script?.dataset.customerToken ?? '';
const t: Texts = textsFor(language || 'en');
const storeKey = `bfg2-chat:${origin}:${workspace}`;
const api = (path: string) => `${origin}/api/support/chat/${path}?workspace=${encodeURIComponent(workspace)}`;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function load(): Saved | null {
  try {
    const raw = sessionStorage.getItem(storeKey);
    return raw ? (JSON.parse(raw) as Saved) : null;
  } catch {
    return null;
  }
}
function save(s: Saved | null): void {
  try {
    if (s) sessionStorage.setItem(storeKey, JSON.stringify(s));
    else sessionStorage.removeItem(storeKey);
  } catch {
    // storage off (privacy mode): the chat still works until the page is left
  }
}

function mount(): void {
  const host = el('div', { id: 'bfg2-chat-widget' });
  document.body.appendChild(host);
  const root = host.attachShadow({ mode: 'open' });
  const style = el('style', {}, CSS);
  const launcher = el(
    'button',
    { class: 'launcher', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'bfg2-panel' },
    t.open,
  );
  const panel = el('section', {
    class: 'panel',
    id: 'bfg2-panel',
    role: 'dialog',
    'aria-labelledby': 'bfg2-title',
    hidden: '',
  });
  const header = el('header');
  const title = el('h2', { id: 'bfg2-title' }, t.title);
  const close = el('button', { class: 'close', type: 'button', 'aria-label': t.close }, '×');
  header.append(title, close);
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  panel.append(header, status);
  root.append(style, launcher, panel);

  let state: Saved | null = load();
  let socket: WebSocket | null = null;
  let retry = 0;
  // The newest line on screen: a reconnect asks for what came after it (a reload starts from 0).
  let lastSeen = 0;
  let typingTimer: number | undefined;
  let typingSent = false;
  const shown = new Map<number, HTMLDivElement>();
  const pendingNodes = new Map<string, HTMLDivElement>();
  const log = el('div', {
    class: 'log',
    'aria-label': t.log,
    role: 'log',
    'aria-live': 'polite',
    tabindex: '0',
  });
  const typing = el('p', { class: 'typing', 'aria-live': 'polite' });

  function lineNode(author: string, name: string, text: string): HTMLDivElement {
    const li = el('div', { class: `line ${author === 'visitor' ? 'visitor' : 'agent'}` });
    li.append(
      el('span', { class: 'who' }, author === 'visitor' ? t.you : name || t.agent),
      document.createTextNode(text),
    );
    return li;
  }
  function addLine(l: Line): void {
    if (shown.has(l.id)) return;
    const pending = l.client_id ? pendingNodes.get(l.client_id) : undefined;
    const node = pending ?? lineNode(l.author, l.name, l.text);
    node.classList.remove('pending');
    if (pending && l.client_id) pendingNodes.delete(l.client_id);
    shown.set(l.id, node);
    // In id order, whatever order frames came in (a backlog and live lines can cross).
    const after = [...shown.entries()].filter(([id]) => id > l.id).sort((a, b) => a[0] - b[0])[0];
    if (!pending) log.insertBefore(node, after ? after[1] : null);
    log.scrollTop = log.scrollHeight;
    lastSeen = Math.max(lastSeen, l.id);
  }
  function send(frame: object): void {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }
  function flushOutbox(): void {
    for (const p of state?.outbox ?? []) send({ type: 'message', client_id: p.client_id, text: p.text });
  }

  function connect(): void {
    if (!state) return;
    const url = `${origin.replace(/^http/, 'ws')}/api/support/chat/socket?workspace=${encodeURIComponent(workspace)}`;
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retry = 0;
      ws.send(JSON.stringify({ type: 'auth', token: state?.token, after: lastSeen }));
    };
    ws.onmessage = (ev: MessageEvent<string>) => {
      const f = JSON.parse(ev.data) as Record<string, unknown> & { type: string };
      if (f.type === 'ready') {
        status.textContent = statusText(String(f.status));
        flushOutbox();
      } else if (f.type === 'message') addLine(f as unknown as Line);
      else if (f.type === 'ack' && state) {
        state.outbox = state.outbox.filter((p) => p.client_id !== f.client_id);
        save(state);
        const node = pendingNodes.get(String(f.client_id));
        if (node) {
          pendingNodes.delete(String(f.client_id));
          node.classList.remove('pending');
          shown.set(Number(f.id), node);
          lastSeen = Math.max(lastSeen, Number(f.id));
        }
      } else if (f.type === 'typing')
        typing.textContent = f.typing ? t.typing(typeof f.name === 'string' ? f.name : '') : '';
      else if (f.type === 'status') status.textContent = statusText(String(f.status));
    };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      if (ev.code === 4401) {
        save((state = null));
        renderStart();
        return;
      }
      status.textContent = t.reconnecting;
      retry += 1;
      window.setTimeout(connect, Math.min(10_000, 500 * 2 ** retry));
    };
  }

  function statusText(s: string): string {
    if (s === 'active') return t.active;
    if (s === 'email') return t.byEmail;
    if (s === 'ended') return t.ended;
    return t.waiting;
  }

  function renderChat(): void {
    for (const n of [...panel.children]) if (n !== header && n !== status) n.remove();
    const compose = el('form', { class: 'compose' });
    const label = el('label');
    label.append(el('span', { class: 'sr-only' }, t.message));
    const input = el('textarea', { rows: '2', name: 'message', required: '' });
    label.append(input);
    compose.append(label, el('button', { class: 'primary', type: 'submit' }, t.send));
    const footer = el('div', { class: 'footer' });
    const transcript = el('button', { class: 'secondary', type: 'button' }, t.transcript);
    const note = el('p', { class: 'note', role: 'status' });
    footer.append(transcript, note);
    panel.append(log, typing, compose, footer);
    if (state?.first && log.childElementCount === 0) log.append(lineNode('visitor', '', state.first));
    for (const p of state?.outbox ?? []) {
      const node = lineNode('visitor', '', p.text);
      node.classList.add('pending');
      pendingNodes.set(p.client_id, node);
      log.append(node);
    }
    compose.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = input.value.trim();
      if (!text || !state) return;
      const p = { client_id: crypto.randomUUID().replace(/-/g, ''), text };
      state.outbox.push(p);
      save(state);
      const node = lineNode('visitor', '', text);
      node.classList.add('pending');
      pendingNodes.set(p.client_id, node);
      log.append(node);
      log.scrollTop = log.scrollHeight;
      input.value = '';
      send({ type: 'message', ...p });
      send({ type: 'typing', typing: false });
      typingSent = false;
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        compose.requestSubmit();
      }
    });
    input.addEventListener('input', () => {
      if (!typingSent) send({ type: 'typing', typing: true });
      typingSent = true;
      window.clearTimeout(typingTimer);
      typingTimer = window.setTimeout(() => {
        send({ type: 'typing', typing: false });
        typingSent = false;
      }, 3000);
    });
    transcript.addEventListener('click', () => {
      void fetch(api('transcript'), { method: 'POST', headers: { 'x-chat-token': state?.token ?? '' } })
        .then(async (r) => {
          const body = (await r.json()) as { sent_to?: string };
          note.textContent = r.ok && body.sent_to ? t.transcriptSent(body.sent_to) : t.failed;
        })
        .catch(() => (note.textContent = t.failed));
    });
    input.focus();
    connect();
  }

  function renderStart(): void {
    for (const n of [...panel.children]) if (n !== header && n !== status) n.remove();
    const form = el('form');
    const field = (labelText: string, input: HTMLInputElement | HTMLTextAreaElement) => {
      const label = el('label', {}, labelText);
      label.append(input);
      return label;
    };
    const name = el('input', { name: 'name', autocomplete: 'name', required: '' });
    const email = el('input', { name: 'email', type: 'email', autocomplete: 'email', required: '' });
    const message = el('textarea', { name: 'message', rows: '3', required: '' });
    if (!customerToken) form.append(field(t.name, name), field(t.email, email));
    form.append(field(t.message, message), el('button', { class: 'primary', type: 'submit' }, t.start));
    panel.append(form);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body = customerToken
        ? {
            customer_token: customerToken,
            message: message.value,
            language: t === textsFor('de') ? 'de' : 'en',
          }
        : {
            name: name.value,
            email: email.value,
            message: message.value,
            language: t === textsFor('de') ? 'de' : 'en',
          };
      void fetch(api('start'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
        .then(async (r) => {
          if (!r.ok) throw new Error(String(r.status));
          const started = (await r.json()) as { token: string; status: string };
          state = { token: started.token, outbox: [], first: message.value.trim() };
          save(state);
          status.textContent = statusText(started.status);
          renderChat();
        })
        .catch(() => (status.textContent = t.failed));
    });
    (customerToken ? message : name).focus();
  }

  async function showAvailability(): Promise<void> {
    try {
      const r = await fetch(api('availability'));
      const a = (await r.json()) as {
        enabled: boolean;
        available: boolean;
        agents_available: number;
        expected_wait_seconds: number | null;
      };
      if (!state)
        status.textContent = !a.enabled
          ? t.disabled
          : a.available
            ? t.online(a.agents_available, a.expected_wait_seconds)
            : t.offline;
    } catch {
      status.textContent = t.failed;
    }
  }

  function toggle(open: boolean): void {
    panel.hidden = !open;
    launcher.setAttribute('aria-expanded', String(open));
    if (!open) {
      launcher.focus();
      return;
    }
    if (state) {
      if (!log.isConnected) renderChat();
    } else {
      void showAvailability();
      if (!panel.querySelector('form')) renderStart();
    }
  }
  launcher.addEventListener('click', () => toggle(panel.hidden));
  close.addEventListener('click', () => toggle(false));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') toggle(false);
  });
  // A chat of this tab goes on after a reload.
  if (state) toggle(true);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
