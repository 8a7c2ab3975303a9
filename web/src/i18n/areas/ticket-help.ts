/**
 * The ticket page's helpers, English and German (en.ts and de.ts hold them under "ticketHelp"):
 * related knowledge-base articles, possible duplicates, merging, and the ticket's action menu.
 */
export const ticketHelpEn = {
  related: {
    title: 'Related articles',
    empty: 'No published article matches this ticket.',
    open: 'Open “{{title}}” in the help centre (new tab)',
    insert: 'Insert link',
    insertLabel: 'Insert link to “{{title}}” into the reply',
    inserted: 'Link to “{{title}}” inserted into the reply.',
  },
  duplicates: {
    label: 'Possible duplicates',
    of: 'Possible duplicate of',
    why: 'Why',
    opened: 'opened {{when}}',
    similar: 'similar subject and text ({{percent}} %)',
    reasons: {
      same_customer: 'same customer',
      same_order: 'same order',
      same_consignment: 'same consignment',
    },
    mergeInto: 'Merge into {{number}}',
    notDuplicate: 'Not a duplicate',
    notDuplicateHint: 'Never suggest {{number}} as a duplicate of this ticket again',
  },
  merge: {
    menu: 'Ticket actions',
    mergeInto: 'Merge into…',
    title: 'Merge {{number}} into another ticket',
    confirmTitle: 'Merge {{from}} into {{into}}?',
    target: 'Ticket number to merge into',
    explain:
      'The messages and attachments of {{from}} move to {{into}}, {{from}} is closed with a note, and its number keeps opening {{into}}. A merge cannot be undone.',
    confirm: 'Merge',
    cancel: 'Cancel',
    merging: 'Merging…',
    mergedFrom: '{{from}} was merged into this ticket.',
    noTarget: 'Enter the number of the ticket to merge into.',
  },
  mail: {
    show: 'Show the original email (HTML)',
    frame: 'The original email, sanitised',
  },
  templates: {
    language: 'Template language',
    anyLanguage: 'All languages',
  },
} as const;

export const ticketHelpDe = {
  related: {
    title: 'Passende Artikel',
    empty: 'Kein veröffentlichter Artikel passt zu diesem Ticket.',
    open: '„{{title}}“ im Hilfe-Center öffnen (neuer Tab)',
    insert: 'Link einfügen',
    insertLabel: 'Link einfügen: „{{title}}“ in die Antwort',
    inserted: 'Link auf „{{title}}“ in die Antwort eingefügt.',
  },
  duplicates: {
    label: 'Mögliche Duplikate',
    of: 'Mögliches Duplikat von',
    why: 'Warum',
    opened: 'eröffnet {{when}}',
    similar: 'ähnlicher Betreff und Text ({{percent}} %)',
    reasons: {
      same_customer: 'gleicher Kunde',
      same_order: 'gleiche Bestellung',
      same_consignment: 'gleiche Sendung',
    },
    mergeInto: 'In {{number}} zusammenführen',
    notDuplicate: 'Kein Duplikat',
    notDuplicateHint: '{{number}} nie wieder als Duplikat dieses Tickets vorschlagen',
  },
  merge: {
    menu: 'Ticket-Aktionen',
    mergeInto: 'Zusammenführen in…',
    title: '{{number}} in ein anderes Ticket zusammenführen',
    confirmTitle: '{{from}} in {{into}} zusammenführen?',
    target: 'Ticketnummer, in die zusammengeführt wird',
    explain:
      'Die Nachrichten und Anhänge von {{from}} wandern nach {{into}}, {{from}} wird mit einem Hinweis geschlossen und seine Nummer öffnet weiterhin {{into}}. Das lässt sich nicht rückgängig machen.',
    confirm: 'Zusammenführen',
    cancel: 'Abbrechen',
    merging: 'Wird zusammengeführt…',
    mergedFrom: '{{from}} wurde in dieses Ticket zusammengeführt.',
    noTarget: 'Geben Sie die Nummer des Ziel-Tickets ein.',
  },
  mail: {
    show: 'Original-E-Mail anzeigen (HTML)',
    frame: 'Die Original-E-Mail, bereinigt',
  },
  templates: {
    language: 'Sprache der Vorlagen',
    anyLanguage: 'Alle Sprachen',
  },
} as const;
