/**
 * The fixed facts of the demo workspace: its identity, its logins and the instant all demo timestamps are
 * computed from, so that every seed produces the same content.
 */
export const DEMO_WORKSPACE = {
  slug: 'demo',
  name: 'Demo Shop Support',
  timezone: 'Europe/Berlin',
  defaultLanguage: 'en',
  ticketPrefix: 'DEMO',
} as const;

export const DEMO_PASSWORD = 'demo-password';

/** "Now" in the demo's story (a Monday, 10:00 in Berlin): every demo timestamp lies before it. */
export const DEMO_ANCHOR = new Date('2026-11-02T09:00:00Z');

export type StaffKey = 'admin' | 'agent1' | 'agent2';
export type CustomerKey = 'customer1' | 'customer2' | 'customer3';

export const DEMO_STAFF: readonly { key: StaffKey; email: string; name: string; role: 'admin' | 'agent' }[] =
  [
    { key: 'admin', email: 'admin@demo.test', name: 'Ada Admin', role: 'admin' },
    { key: 'agent1', email: 'agent1@demo.test', name: 'Ben Becker', role: 'agent' },
    { key: 'agent2', email: 'agent2@demo.test', name: 'Clara Schmidt', role: 'agent' },
  ];

export const DEMO_CUSTOMERS: readonly { key: CustomerKey; email: string; name: string; phone: string }[] = [
  { key: 'customer1', email: 'customer1@demo.test', name: 'Dana Fischer', phone: '+49 30 5550 1001' },
  { key: 'customer2', email: 'customer2@demo.test', name: 'Erik Johansson', phone: '+46 8 5550 2002' },
  { key: 'customer3', email: 'customer3@demo.test', name: 'Fatima Khan', phone: '+44 20 5550 3003' },
];

/** The lines `serve` and `seed --demo` print so people can log in. */
export function demoLoginLines(): string[] {
  return [
    `demo logins (password "${DEMO_PASSWORD}" for all):`,
    ...DEMO_STAFF.map((s) => `  staff     ${s.email.padEnd(20)} ${s.role}`),
    ...DEMO_CUSTOMERS.map((c) => `  customer  ${c.email}`),
  ];
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
