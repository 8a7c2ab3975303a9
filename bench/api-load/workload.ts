/**
 * The mixed agent/customer workload: the requests a helpdesk serves in a working day, in proportions
 * taken from how the SPA is used (agents read far more than they write; customers mostly look at their
 * own tickets and the help centre). Staff and customers are logged in with session cookies, as in the SPA.
 *
 * Each entry is a template the load generator sends as is, except the writes that must differ per send
 * (a status change alternates open/pending; an Idempotency-Key is new per ticket creation).
 */
import pg from 'pg';

export interface Template {
  /** Short name of the request type (the printed tables group by it). */
  kind: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** How many of every ~100 requests of the mix are this one. */
  weight: number;
}

export interface Login {
  cookie: string;
  csrf: string;
}

/** What the workload needs to know of the data (read once, before the load). */
export interface WorkloadData {
  agent: Login;
  admin: Login;
  customer: Login;
  /** Tickets of the customer (detail and replies). */
  customerTickets: string[];
  /** Any tickets (agent detail). */
  tickets: string[];
  /** Active tickets the agent moves between open and pending, with their current status. */
  toggle: { number: string; status: string }[];
  articles: string[];
  agentId: number;
}

async function login(base: string, path: string, email: string): Promise<Login> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password' }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const body = (await res.json()) as { csrf_token: string };
  return { cookie, csrf: body.csrf_token };
}

/** Logs the demo people in through the product and reads the ids the workload uses from the database. */
export async function loadWorkloadData(base: string, dbUrl: string): Promise<WorkloadData> {
  const agent = await login(base, '/api/auth/login', 'agent1@demo.test');
  const admin = await login(base, '/api/auth/login', 'admin@demo.test');
  const customer = await login(base, '/api/auth/customer/login', 'customer1@demo.test');
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const col = async (text: string) => (await c.query<{ v: string }>(text)).rows.map((r) => r.v);
    const customerTickets = await col(
      `SELECT t.ticket_number AS v FROM support_tickets t JOIN customers c ON c.id = t.customer_id
       WHERE c.email = 'customer1@demo.test' AND t.status NOT IN ('closed', 'cancelled')
       ORDER BY t.id LIMIT 6`,
    );
    const tickets = await col(`SELECT ticket_number AS v FROM support_tickets ORDER BY id LIMIT 40`);
    const toggle = (
      await c.query<{ number: string; status: string }>(
        // Not the customer's, whose replies reopen their tickets (the toggling below must know the status).
        `SELECT t.ticket_number AS number, t.status FROM support_tickets t JOIN customers c ON c.id = t.customer_id
         WHERE t.status IN ('new', 'open', 'pending') AND c.email <> 'customer1@demo.test'
         ORDER BY t.id LIMIT 24`,
      )
    ).rows;
    const articles = await col(
      `SELECT slug AS v FROM knowledge_articles WHERE status = 'published' AND language = 'en' ORDER BY id LIMIT 12`,
    );
    const agentId = Number(
      (await c.query<{ id: string }>(`SELECT id FROM users WHERE email = 'agent1@demo.test'`)).rows[0]?.id,
    );
    if (customerTickets.length === 0 || toggle.length < 8 || articles.length === 0) {
      throw new Error('the demo data lacks tickets or articles the workload needs');
    }
    return { agent, admin, customer, customerTickets, tickets, toggle, articles, agentId };
  } finally {
    await c.end();
  }
}

const json = { 'content-type': 'application/json' };

/** The mix. Weights add up to 100. */
export function mixedWorkload(d: WorkloadData): Template[] {
  const staff = (l: Login, write = false) => ({
    cookie: l.cookie,
    ...(write ? { ...json, 'x-csrf-token': l.csrf } : {}),
  });
  const t: Template[] = [];
  const add = (kind: string, weight: number, list: Omit<Template, 'kind' | 'weight'>[]) => {
    for (const x of list) t.push({ kind, weight: weight / list.length, ...x });
  };
  const get = (path: string, headers: Record<string, string>) => ({ method: 'GET' as const, path, headers });
  // Agents: the inbox with its usual filters, and the tickets they open from it.
  add('inbox', 26, [
    get('/api/support/admin/tickets/', staff(d.agent)),
    get('/api/support/admin/tickets/?status=open,new', staff(d.agent)),
    get('/api/support/admin/tickets/?assigned_to=me&sort=response_due_at', staff(d.agent)),
    get('/api/support/admin/tickets/?assigned_to=none&status=new', staff(d.agent)),
    get('/api/support/admin/tickets/?sort=-updated_at&status=pending', staff(d.admin)),
    get('/api/support/admin/tickets/?q=refund', staff(d.agent)),
  ]);
  add(
    'ticket',
    20,
    d.tickets.slice(0, 10).map((n) => get(`/api/support/tickets/${n}/`, staff(d.agent))),
  );
  add(
    'reply',
    5,
    d.toggle.slice(0, 4).map((x) => ({
      method: 'POST' as const,
      path: `/api/support/tickets/${x.number}/reply/`,
      headers: staff(d.agent, true),
      body: JSON.stringify({ message: 'Thanks for waiting, we are on it.' }),
    })),
  );
  add(
    'status',
    4,
    d.toggle.slice(0, 1).map((x) => ({
      method: 'PUT' as const,
      path: `/api/support/tickets/${x.number}/status/`,
      headers: staff(d.agent, true),
      body: JSON.stringify({ status: 'pending' }),
    })),
  );
  // Customers: their tickets, a reply, sometimes a new ticket, and the help centre (anonymous or not).
  add('my-tickets', 8, [get('/api/support/tickets/', staff(d.customer))]);
  add(
    'my-ticket',
    8,
    d.customerTickets.slice(0, 3).map((n) => get(`/api/support/tickets/${n}/`, staff(d.customer))),
  );
  add(
    'cust-reply',
    3,
    d.customerTickets.slice(0, 2).map((n) => ({
      method: 'POST' as const,
      path: `/api/support/tickets/${n}/reply/`,
      headers: staff(d.customer, true),
      body: JSON.stringify({ message: 'Any news on this? Thank you.' }),
    })),
  );
  add('create', 3, [
    {
      method: 'POST',
      path: '/api/support/tickets/',
      headers: { ...staff(d.customer, true), 'idempotency-key': 'k' },
      body: JSON.stringify({
        subject: 'Parcel not arrived',
        description: 'My order has not arrived yet, the tracking page shows no update since Monday.',
      }),
    },
  ]);
  const anonymous = { 'x-workspace': 'demo' };
  add('kb-search', 11, [
    get('/api/support/kb/search/?q=refund%20shipping', anonymous),
    get('/api/support/kb/search/?q=return', anonymous),
    get('/api/support/kb/search/?q=password', anonymous),
    get('/api/support/kb/search/?q=Lieferung&language=de', anonymous),
  ]);
  add(
    'kb-article',
    12,
    d.articles.slice(0, 6).map((slug) => get(`/api/support/kb/${slug}/`, anonymous)),
  );
  return t;
}

/**
 * The templates spread over a sequence of `length` requests in their proportions, interleaved (so
 * a connection cycling through it meets every kind), deterministic.
 */
export function sequence(templates: Template[], length = 200): number[] {
  const credit = templates.map(() => 0);
  const out: number[] = [];
  const total = templates.reduce((s, x) => s + x.weight, 0);
  for (let i = 0; i < length; i++) {
    let best = 0;
    for (let k = 0; k < templates.length; k++) {
      credit[k] = (credit[k] ?? 0) + (templates[k]?.weight ?? 0) / total;
      if ((credit[k] ?? 0) > (credit[best] ?? 0)) best = k;
    }
    credit[best] = (credit[best] ?? 0) - 1;
    out.push(best);
  }
  return out;
}

/**
 * What changes per send: ticket creation gets a new Idempotency-Key; a status change picks a ticket no
 * other connection is changing and moves it between open and pending (the same status twice is refused).
 */
/** A change to one send of a template; release() runs when its answer came. */
export interface SendChange {
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  release?: () => void;
}

export function perSend(d: WorkloadData): (template: Template) => (() => SendChange) | undefined {
  const tickets = d.toggle.slice(4).map((x) => ({ ...x, busy: false }));
  let next = 0;
  let key = 0;
  const run = `${process.pid}-${Date.now()}`;
  return (template: Template) => {
    if (template.kind === 'create') {
      return () => ({ headers: { 'idempotency-key': `bench-${run}-${key++}` } });
    }
    if (template.kind !== 'status') return undefined;
    return () => {
      let ticket = tickets[next++ % tickets.length];
      for (let i = 0; i < tickets.length && ticket?.busy; i++) ticket = tickets[next++ % tickets.length];
      const t = ticket as (typeof tickets)[number];
      t.busy = true;
      t.status = t.status === 'pending' ? 'open' : 'pending';
      return {
        path: `/api/support/tickets/${t.number}/status/`,
        body: JSON.stringify({ status: t.status }),
        release: () => {
          t.busy = false;
        },
      };
    };
  };
}
