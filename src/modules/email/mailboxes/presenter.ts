/** Mailbox row → API shape. The sealed secrets never leave: only whether they are set. */
import type { Mailbox } from '../../../db/schema.js';

export interface MailboxView {
  id: number;
  address: string;
  display_name: string;
  signature: string;
  default_category: number | null;
  default_team: number | null;
  default_priority: number | null;
  auto_acknowledge: boolean;
  smtp_inbound: boolean;
  imap_host: string | null;
  imap_port: number | null;
  imap_tls: boolean;
  imap_user: string | null;
  imap_folder: string;
  has_imap_password: boolean;
  has_smtp_url: boolean;
  is_active: boolean;
  state: Mailbox['state'];
  last_error: string;
  last_checked_at: string | null;
  imap_failures: number;
  next_poll_at: string | null;
  created_at: string;
  updated_at: string;
}

export function presentMailbox(m: Mailbox): MailboxView {
  return {
    id: m.id,
    address: m.address,
    display_name: m.display_name,
    signature: m.signature,
    default_category: m.default_category_id,
    default_team: m.default_team_id,
    default_priority: m.default_priority_id,
    auto_acknowledge: m.auto_acknowledge,
    smtp_inbound: m.smtp_inbound,
    imap_host: m.imap_host,
    imap_port: m.imap_port,
    imap_tls: m.imap_tls,
    imap_user: m.imap_user,
    imap_folder: m.imap_folder,
    has_imap_password: m.imap_password_enc !== null,
    has_smtp_url: m.smtp_url_enc !== null,
    is_active: m.is_active,
    state: m.state,
    last_error: m.last_error,
    last_checked_at: m.last_checked_at?.toISOString() ?? null,
    imap_failures: m.imap_failures,
    next_poll_at: m.imap_next_poll_at?.toISOString() ?? null,
    created_at: m.created_at.toISOString(),
    updated_at: m.updated_at.toISOString(),
  };
}
