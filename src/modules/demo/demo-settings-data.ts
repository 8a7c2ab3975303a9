/** The demo workspace's configuration: priorities, SLAs, teams, the ticket category tree and tags. */
import type { StaffKey } from './demo-constants.js';

export type PriorityCode = 'low' | 'medium' | 'high' | 'urgent';
export type SlaKey = 'standard' | 'premium';
export type TeamKey = 'first-line' | 'escalations';
export type TagSlug = 'vip' | 'refund' | 'damaged' | 'follow-up' | 'carrier' | 'feedback';
export type CategorySlug =
  | 'orders'
  | 'missing-item'
  | 'wrong-item'
  | 'order-changes'
  | 'delivery'
  | 'delivery-delayed'
  | 'delivery-damaged'
  | 'billing'
  | 'refunds'
  | 'invoices'
  | 'account';

/** Demo targets per priority (wall-clock hours; the SLA refines them with business hours). */
export const DEMO_PRIORITIES: readonly {
  code: PriorityCode;
  description: string;
  response_hours: number;
  resolution_hours: number;
}[] = [
  { code: 'low', description: 'Questions without time pressure.', response_hours: 24, resolution_hours: 120 },
  {
    code: 'medium',
    description: 'The usual order or delivery problem.',
    response_hours: 8,
    resolution_hours: 48,
  },
  {
    code: 'high',
    description: 'The customer is blocked or out of pocket.',
    response_hours: 4,
    resolution_hours: 16,
  },
  {
    code: 'urgent',
    description: 'Money or goods at risk right now.',
    response_hours: 1,
    resolution_hours: 4,
  },
];

interface SlaData {
  key: SlaKey;
  name: string;
  description: string;
  first_response_hours: number;
  resolution_hours: number;
  business_hours_start: string;
  business_hours_end: string;
  business_days: number[];
  is_default: boolean;
  holidays: { date: string; name: string; recurring: boolean }[];
}

export const DEMO_SLAS: readonly SlaData[] = [
  {
    key: 'standard',
    name: 'Standard',
    description: 'Every customer: first answer within one business day, resolved within five.',
    first_response_hours: 8,
    resolution_hours: 40,
    business_hours_start: '09:00',
    business_hours_end: '17:00',
    business_days: [1, 2, 3, 4, 5],
    is_default: true,
    holidays: [
      { date: '2026-10-03', name: 'German Unity Day', recurring: true },
      { date: '2026-12-24', name: 'Christmas Eve', recurring: true },
      { date: '2026-12-25', name: 'Christmas Day', recurring: true },
      { date: '2026-12-26', name: 'Second Day of Christmas', recurring: true },
      { date: '2026-12-31', name: "New Year's Eve", recurring: true },
      { date: '2027-01-01', name: "New Year's Day", recurring: true },
      { date: '2027-03-26', name: 'Good Friday', recurring: false },
      { date: '2027-03-29', name: 'Easter Monday', recurring: false },
    ],
  },
  {
    key: 'premium',
    name: 'Premium',
    description:
      'VIP customers and urgent money matters: answered within two business hours, six days a week.',
    first_response_hours: 2,
    resolution_hours: 12,
    business_hours_start: '08:00',
    business_hours_end: '20:00',
    business_days: [1, 2, 3, 4, 5, 6],
    is_default: false,
    holidays: [
      { date: '2026-12-25', name: 'Christmas Day', recurring: true },
      { date: '2027-01-01', name: "New Year's Day", recurring: true },
    ],
  },
];

export const DEMO_TEAMS: readonly {
  key: TeamKey;
  name: string;
  description: string;
  email: string;
  lead: StaffKey;
  members: StaffKey[];
}[] = [
  {
    key: 'first-line',
    name: 'First line',
    description: 'Answers every new ticket: orders, deliveries, accounts.',
    email: 'help@demo.test',
    lead: 'agent1',
    members: ['agent1', 'agent2'],
  },
  {
    key: 'escalations',
    name: 'Escalations',
    description: 'Carrier claims, refunds above 100 EUR and anything that breached its SLA.',
    email: 'escalations@demo.test',
    lead: 'admin',
    members: ['admin', 'agent2'],
  },
];

export const DEMO_CATEGORIES: readonly {
  slug: CategorySlug;
  name: string;
  description: string;
  parent?: CategorySlug;
  icon: string;
  default_priority: PriorityCode;
  default_assignee?: StaffKey;
  sla?: SlaKey;
}[] = [
  {
    slug: 'orders',
    name: 'Orders',
    description: 'Problems with an order.',
    icon: 'package',
    default_priority: 'medium',
  },
  {
    slug: 'missing-item',
    name: 'Missing item',
    description: 'An item of the order was not in the parcel.',
    parent: 'orders',
    icon: 'package-x',
    default_priority: 'medium',
  },
  {
    slug: 'wrong-item',
    name: 'Wrong item',
    description: 'A different item, size or colour arrived.',
    parent: 'orders',
    icon: 'package-search',
    default_priority: 'medium',
  },
  {
    slug: 'order-changes',
    name: 'Change or cancel',
    description: 'Changing the address or items of an order, or cancelling it.',
    parent: 'orders',
    icon: 'pencil',
    default_priority: 'high',
    default_assignee: 'agent2',
  },
  {
    slug: 'delivery',
    name: 'Delivery',
    description: 'Where is my parcel?',
    icon: 'truck',
    default_priority: 'medium',
  },
  {
    slug: 'delivery-delayed',
    name: 'Delayed',
    description: 'The parcel is late or tracking has not moved.',
    parent: 'delivery',
    icon: 'clock',
    default_priority: 'medium',
  },
  {
    slug: 'delivery-damaged',
    name: 'Damaged',
    description: 'The parcel or its contents arrived damaged.',
    parent: 'delivery',
    icon: 'package-open',
    default_priority: 'high',
  },
  {
    slug: 'billing',
    name: 'Billing',
    description: 'Payments, refunds and invoices.',
    icon: 'credit-card',
    default_priority: 'medium',
  },
  {
    slug: 'refunds',
    name: 'Refunds',
    description: 'Refunds for returns, cancellations and damaged goods.',
    parent: 'billing',
    icon: 'rotate-ccw',
    default_priority: 'high',
    default_assignee: 'admin',
    sla: 'premium',
  },
  {
    slug: 'invoices',
    name: 'Invoices',
    description: 'Invoice copies, VAT numbers and company addresses.',
    parent: 'billing',
    icon: 'file-text',
    default_priority: 'low',
  },
  {
    slug: 'account',
    name: 'Account',
    description: 'Login, password and personal data.',
    icon: 'user',
    default_priority: 'low',
  },
];

export const DEMO_TAGS: readonly { slug: TagSlug; name: string; color: string }[] = [
  { slug: 'vip', name: 'VIP', color: '#7c3aed' },
  { slug: 'refund', name: 'Refund', color: '#059669' },
  { slug: 'damaged', name: 'Damaged', color: '#dc2626' },
  { slug: 'follow-up', name: 'Follow-up', color: '#d97706' },
  { slug: 'carrier', name: 'Carrier issue', color: '#2563eb' },
  { slug: 'feedback', name: 'Product feedback', color: '#0891b2' },
];
