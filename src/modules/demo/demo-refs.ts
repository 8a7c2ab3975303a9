/** The ids of what the demo seed created, by the keys the demo data uses. */
import type { CustomerKey, StaffKey } from './demo-constants.js';
import type { CategorySlug, PriorityCode, SlaKey, TagSlug, TeamKey } from './demo-settings-data.js';

export interface DemoPerson {
  id: number;
  name: string;
  email: string;
}

export interface DemoPeople {
  workspaceId: number;
  staff: Record<StaffKey, DemoPerson>;
  customers: Record<CustomerKey, DemoPerson & { phone: string }>;
}

export interface DemoRefs extends DemoPeople {
  priorities: Record<PriorityCode, number>;
  slas: Record<SlaKey, number>;
  teams: Record<TeamKey, { id: number; name: string }>;
  categories: Record<CategorySlug, number>;
  tags: Record<TagSlug, number>;
}
