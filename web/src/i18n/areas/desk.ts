/**
 * The desk's strings added in round two (presence, collisions, notifications, the compact header, saved
 * views on the server), English and German; en.ts and de.ts hold them under "desk". The desk's older
 * strings stay where they were (header, inbox, ticket, composer…).
 */
export const deskEn = {
  menu: { open: 'Menu' },
  presence: {
    label: 'Other agents on this ticket',
    viewing: '{{name}} is viewing this ticket',
    typing: '{{name}} is typing…',
    typingShort: 'typing…',
  },
  collision: {
    title: 'Someone else changed this ticket while you were writing',
    intro: 'Review what changed before you send. Your text is kept.',
    replied: '{{name}} replied',
    noted: '{{name}} wrote an internal note',
    changed: '{{name}} changed {{field}}: {{from}} → {{to}}',
    someone: 'Someone',
    empty: '(empty)',
    sendAnyway: 'Send anyway',
    discard: 'Discard my text',
    review: 'Keep editing',
  },
  notifications: {
    bell: 'Notifications',
    bellUnread_one: 'Notifications, {{count}} unread',
    bellUnread_other: 'Notifications, {{count}} unread',
    title: 'Notifications',
    empty: 'Nothing new.',
    markAllRead: 'Mark all read',
    markRead: 'Mark read',
    unread: 'Unread',
    enableBrowser: 'Show browser notifications',
    browserOn: 'Browser notifications are on.',
    browserBlocked: 'This browser blocks notifications for the desk.',
    kinds: {
      assigned: 'Assigned to you',
      team_ticket: 'In your team’s queue',
      customer_reply: 'Customer replied',
      sla_warning: 'SLA warning',
      sla_breach: 'SLA breached',
      mention: 'Mentioned you',
    },
  },
  views: { moved: 'Your saved views now follow you to every browser.' },
} as const;

export const deskDe = {
  menu: { open: 'Menü' },
  presence: {
    label: 'Andere Agenten an diesem Ticket',
    viewing: '{{name}} sieht sich dieses Ticket an',
    typing: '{{name}} schreibt…',
    typingShort: 'schreibt…',
  },
  collision: {
    title: 'Jemand anderes hat dieses Ticket geändert, während Sie geschrieben haben',
    intro: 'Prüfen Sie die Änderungen vor dem Senden. Ihr Text bleibt erhalten.',
    replied: '{{name}} hat geantwortet',
    noted: '{{name}} hat eine interne Notiz geschrieben',
    changed: '{{name}} hat {{field}} geändert: {{from}} → {{to}}',
    someone: 'Jemand',
    empty: '(leer)',
    sendAnyway: 'Trotzdem senden',
    discard: 'Meinen Text verwerfen',
    review: 'Weiter bearbeiten',
  },
  notifications: {
    bell: 'Benachrichtigungen',
    bellUnread_one: 'Benachrichtigungen, {{count}} ungelesen',
    bellUnread_other: 'Benachrichtigungen, {{count}} ungelesen',
    title: 'Benachrichtigungen',
    empty: 'Nichts Neues.',
    markAllRead: 'Alle als gelesen markieren',
    markRead: 'Als gelesen markieren',
    unread: 'Ungelesen',
    enableBrowser: 'Browser-Benachrichtigungen zeigen',
    browserOn: 'Browser-Benachrichtigungen sind an.',
    browserBlocked: 'Dieser Browser blockiert Benachrichtigungen des Desks.',
    kinds: {
      assigned: 'Ihnen zugewiesen',
      team_ticket: 'In der Warteschlange Ihres Teams',
      customer_reply: 'Kunde hat geantwortet',
      sla_warning: 'SLA-Warnung',
      sla_breach: 'SLA verletzt',
      mention: 'Hat Sie erwähnt',
    },
  },
  views: { moved: 'Ihre gespeicherten Ansichten folgen Ihnen jetzt in jeden Browser.' },
} as const;
